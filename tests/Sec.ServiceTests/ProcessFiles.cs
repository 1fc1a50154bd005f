namespace Sec.ServiceTests;

/// <summary>The files this test process holds open, as Linux lists them (<c>/proc/self/fd</c>).</summary>
internal static class ProcessFiles
{
    public static List<string> Open() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Select(fd => { try { return fd.LinkTarget; } catch (IOException) { return null; } })
            .OfType<string>().ToList();
}
