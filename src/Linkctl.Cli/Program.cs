using System.CommandLine;

namespace Linkctl.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("linkctl: make, inspect, find, repair and remove filesystem links, and find out why a link cannot be made.");
        return root.Parse(args).Invoke();
    }
}
