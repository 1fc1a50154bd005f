using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Sec.DeploymentTests.ComposeConfig;

namespace Sec.DeploymentTests;

/// <summary>
/// The production compose file, read the way Docker reads it: Debian's docker-compose validates it
/// and prints it resolved, so these run without a Docker engine.
/// </summary>
public sealed partial class ComposeTests
{
    private static readonly string[] Services = ["proposals", "assessments", "changeboard", "releases"];

    [Fact]
    public void Compose_file_is_valid()
    {
        var (exit, _, error) = Run("config", "-q");
        Assert.True(exit == 0, $"docker-compose config -q exited with {exit}:\n{error}");
    }

    [Fact]
    public void Compose_file_is_valid_with_the_example_env_file()
    {
        var (exit, _, error) = Run("--env-file", Path.Combine(Repo.Root, ".env.example"), "config", "-q");
        Assert.True(exit == 0, $"docker-compose config -q with .env.example exited with {exit}:\n{error}");
    }

    [Fact]
    public void The_example_env_file_names_every_variable_the_compose_file_reads()
    {
        var compose = File.ReadAllText(Repo.File("docker-compose.yml"));
        var example = File.ReadAllLines(Repo.File(".env.example"))
            .Where(l => !l.StartsWith('#') && l.Contains('='))
            .Select(l => l[..l.IndexOf('=')].Trim())
            .ToHashSet();
        var read = ComposeVariable().Matches(compose).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(read);
        Assert.All(read, v => Assert.Contains(v, example));
    }

    [Fact]
    public void Every_service_and_the_gateway_has_a_health_check_on_its_ready_endpoint()
    {
        foreach (var name in Services.Append("gateway"))
        {
            var block = Block(name);
            Assert.Contains("healthcheck:", block);
            Assert.Contains("- curl", block);
            Assert.Contains("- http://localhost:8081/health/ready", block);
        }
        Assert.Contains("healthcheck:", Block("sqlserver"));
        Assert.Contains("- rabbitmq-diagnostics", Block("rabbitmq"));
        Assert.Contains("- ping", Block("rabbitmq"));
    }

    [Fact]
    public void Every_dependency_waits_for_health_or_completion()
    {
        var lines = Resolved.Split('\n');
        var dependencies = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "    depends_on:")
                continue;
            // Each dependency is a name at six spaces followed by its condition at eight.
            for (var j = i + 1; j < lines.Length && lines[j].StartsWith("      ", StringComparison.Ordinal); j += 2)
            {
                dependencies++;
                var condition = lines[j + 1].Trim();
                Assert.True(condition is "condition: service_healthy" or "condition: service_completed_successfully",
                    $"{lines[j].Trim()} has '{condition}'");
            }
        }
        Assert.True(dependencies >= 10, $"only {dependencies} dependencies found");

        foreach (var name in Services)
        {
            Assert.Matches(@"      db-init:\n        condition: service_completed_successfully", Block(name));
            Assert.Matches(@"      rabbitmq:\n        condition: service_healthy", Block(name));
        }
        Assert.Matches(@"      sqlserver:\n        condition: service_healthy", Block("db-init"));
        Assert.All(Services, s => Assert.Matches($@"      {s}:\n        condition: service_healthy", Block("gateway")));
    }

    [Fact]
    public void Each_service_connects_with_its_own_login()
    {
        var logins = new HashSet<string>();
        foreach (var name in Services)
        {
            var environment = EnvironmentOf(name);
            Assert.Equal(name, environment["Sec__ServiceName"]);
            Assert.Equal("SqlServer", environment["Storage__Provider"]);
            Assert.False(environment.ContainsKey("Storage__ConnectionString"), $"{name} must not share a connection string");
            var connection = new DbConnectionStringBuilder { ConnectionString = environment[$"Storage__Contexts__{name}"] };
            Assert.Equal("sqlserver,1433", connection["Server"]);
            Assert.Equal("Sec", connection["Database"]);
            var login = (string)connection["User Id"];
            Assert.Equal($"{name}_service", login);
            Assert.NotEqual("sa", login);
            Assert.NotEqual(string.Empty, (string)connection["Password"]);
            logins.Add(login);
        }
        Assert.Equal(Services.Length, logins.Count);
    }

    [Fact]
    public void Each_service_uses_RabbitMq()
    {
        foreach (var name in Services)
        {
            var environment = EnvironmentOf(name);
            Assert.Equal("RabbitMq", environment["Messaging__Transport"]);
            Assert.Equal("rabbitmq", environment["Messaging__Host"]);
            Assert.Equal("'5672'", environment["Messaging__Port"]);
            Assert.Equal("/", environment["Messaging__VirtualHost"]);
            Assert.Equal(EnvironmentOf("rabbitmq")["RABBITMQ_DEFAULT_USER"], environment["Messaging__Username"]);
            Assert.Equal(EnvironmentOf("rabbitmq")["RABBITMQ_DEFAULT_PASS"], environment["Messaging__Password"]);
        }
    }

    [Fact]
    public void The_gateway_alone_is_published_and_services_can_be_scaled()
    {
        var gateway = Block("gateway");
        Assert.Contains("    - published: 5000\n      target: 8080", gateway);
        Assert.Contains("    - published: 5080\n      target: 8081", gateway);
        foreach (var name in Services)
        {
            Assert.DoesNotContain("ports:", Block(name));
            Assert.DoesNotContain("container_name:", Block(name));
        }
        Assert.DoesNotContain("container_name:", Resolved);
    }

    [Fact]
    public void The_gateway_sends_every_cluster_to_its_service_by_name()
    {
        var environment = EnvironmentOf("gateway");
        using var settings = JsonDocument.Parse(File.ReadAllText(Repo.File("gateway", "Sec.Gateway", "appsettings.json")));
        var clusters = settings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject().ToList();
        Assert.Equal(Services.Length * 2, clusters.Count);
        foreach (var cluster in clusters)
        {
            var service = cluster.Name[..cluster.Name.LastIndexOf('-')];
            var port = cluster.Name.EndsWith("-grpc", StringComparison.Ordinal) ? 8080 : 8081;
            foreach (var destination in cluster.Value.GetProperty("Destinations").EnumerateObject())
            {
                var key = $"ReverseProxy__Clusters__{cluster.Name}__Destinations__{destination.Name}__Address";
                Assert.True(environment.TryGetValue(key, out var address), $"{key} is not set for the gateway");
                Assert.Equal($"http://{service}:{port}", address);
            }
        }
    }

    [Fact]
    public void Images_are_built_from_the_repository_and_run_unprivileged()
    {
        var dockerfile = File.ReadAllText(Repo.File("deploy", "Dockerfile"));
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", dockerfile);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile);
        Assert.Contains("dotnet publish \"$PROJECT\" -c Release", dockerfile);
        // The health checks call curl, which the runtime image lacks until the Dockerfile adds it.
        Assert.Matches(@"apt-get install[^\n]*\bcurl\b", dockerfile);
        Assert.Matches(@"(?m)^USER \$APP_UID\s*$", dockerfile);
        Assert.Contains("Kestrel__Endpoints__Grpc__Url=http://+:8080", dockerfile);
        Assert.Contains("Kestrel__Endpoints__Http__Url=http://+:8081", dockerfile);

        foreach (var name in Services.Append("gateway"))
        {
            var block = Block(name);
            Assert.Contains("      dockerfile: deploy/Dockerfile", block);
            var project = Regex.Match(block, @"PROJECT: (\S+)").Groups[1].Value;
            var assembly = Regex.Match(block, @"ASSEMBLY: (\S+)").Groups[1].Value;
            Assert.True(File.Exists(Path.Combine(Repo.Root, project)), $"{name}: {project} does not exist");
            Assert.Equal(Path.GetFileNameWithoutExtension(project) + ".dll", assembly);
        }

        var ignored = File.ReadAllLines(Repo.File(".dockerignore"));
        Assert.All(new[] { "**/bin/", "**/obj/", "data/", "tests/", ".git/", ".env" }, p => Assert.Contains(p, ignored));
    }

    [Fact]
    public void Images_ship_their_hosts_compiled_ahead_of_time()
    {
        // The image publishes for its platform (BuildKit's TARGETARCH, else the builder's own), framework-dependent...
        var dockerfile = File.ReadAllText(Repo.File("deploy", "Dockerfile"));
        Assert.Contains("-a \"${TARGETARCH:-$(dpkg --print-architecture)}\" --no-self-contained", dockerfile);
        Assert.Matches(@"(?m)^ARG TARGETARCH\s*$", dockerfile);

        // ...and every host it builds turns a publish for a platform into code compiled ahead of time,
        // while a build or a publish for no platform (the tests', a developer's run) stays as it was.
        foreach (var name in Services.Append("gateway"))
        {
            var project = Regex.Match(Block(name), @"PROJECT: (\S+)").Groups[1].Value;
            Assert.Equal("true", Property(project, "PublishReadyToRun", "-p:RuntimeIdentifier=linux-x64"));
            Assert.Equal("true", Property(project, "PublishReadyToRun", "-p:RuntimeIdentifier=linux-arm64"));
            Assert.Equal("", Property(project, "PublishReadyToRun"));
        }

        static string Property(string project, string property, params string[] globals)
        {
            var (exit, output, error) = RunTool("dotnet", ["msbuild", project, $"-getProperty:{property}", "-p:Configuration=Release", .. globals]);
            Assert.True(exit == 0, $"evaluating {project} exited with {exit}:\n{error}{output}");
            return output.Trim();
        }
    }

    [GeneratedRegex(@"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ComposeVariable();
}
