using Sec.ChangeBoard;
using Sec.ServiceDefaults;

ServiceHost.Run(args, ChangeBoardModule.AddChangeBoard, ChangeBoardModule.MapChangeBoard);
