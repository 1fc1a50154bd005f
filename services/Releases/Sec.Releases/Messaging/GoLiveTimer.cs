using Sec.BuildingBlocks.Timers;

namespace Sec.Releases.Messaging;

/// <summary>
/// A release's go-live timer, due as its implementation date begins. A release the Panel decided go
/// goes live; any other stays as it is and the timer is spent, so it never fails and retries.
/// </summary>
public sealed class GoLiveTimer(ReleaseUseCases releases) : TimerHandler<ReleasesStore>(GoLive.Kind,
    (timer, connection, tx, ct) => releases.GoLiveWithinAsync(connection, tx, timer.SubjectKey, ct));
