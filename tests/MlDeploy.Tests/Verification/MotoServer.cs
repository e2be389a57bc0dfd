using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MlDeploy.Aws.Verification;

namespace MlDeploy.Tests.Verification;

/// <summary>
/// One moto server (a real AWS API emulator, <c>python3 -m moto.server</c>) per test run on a free loopback port.
/// Tests create the state they check through its own API, with the verifier's client.
/// </summary>
public sealed class MotoServer : IDisposable
{
    /// <summary>moto reports this many running tasks for every ECS service it creates (MOTO_ECS_SERVICE_RUNNING).</summary>
    public const int RunningTasks = 2;

    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public MotoServer()
    {
        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MOTO_ECS_SERVICE_RUNNING"] = RunningTasks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("the verify tests need python3 on PATH with moto installed (pip install 'moto[server]==5.2.1')", e);
        }

        var log = new StringBuilder();
        _process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        _process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto.server exited with {_process.ExitCode} (is moto installed for python3? pip install 'moto[server]==5.2.1'):\n{log}");
            }

            try
            {
                using var response = _http.GetAsync(new Uri($"{Endpoint}/moto-api/")).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                Dispose();
                throw new InvalidOperationException($"moto.server did not answer on {Endpoint} within 60 s:\n{log}");
            }

            Thread.Sleep(100);
        }

        Client = new AwsServingClient(_http, Environment, region: null);
    }

    public string Endpoint { get; }

    /// <summary>The environment verify and the client read: dummy credentials, a region, the emulator's endpoint.</summary>
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = Endpoint,
    };

    internal AwsServingClient Client { get; }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _http.Dispose();
    }

    /// <summary>Creates a model, an endpoint config per name given, and an endpoint serving the first; returns the endpoint's ARN.</summary>
    public async Task<string> CreateEndpointAsync(string endpoint, params string[] configs)
    {
        var model = $"{endpoint}-model";
        (await Call(AwsServingClient.Api.SageMaker, "SageMaker.CreateModel", w =>
        {
            w.WriteString("ModelName", model);
            w.WriteString("ExecutionRoleArn", "arn:aws:iam::123456789012:role/sagemaker");
            w.WriteStartObject("PrimaryContainer");
            w.WriteString("Image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer@sha256:" + new string('a', 64));
            w.WriteEndObject();
        })).Dispose();
        foreach (var config in configs)
        {
            (await Call(AwsServingClient.Api.SageMaker, "SageMaker.CreateEndpointConfig", w =>
            {
                w.WriteString("EndpointConfigName", config);
                w.WriteStartArray("ProductionVariants");
                w.WriteStartObject();
                w.WriteString("VariantName", "primary");
                w.WriteString("ModelName", model);
                w.WriteNumber("InitialInstanceCount", 1);
                w.WriteString("InstanceType", "ml.m5.large");
                w.WriteEndObject();
                w.WriteEndArray();
            })).Dispose();
        }

        using var created = await Call(AwsServingClient.Api.SageMaker, "SageMaker.CreateEndpoint", w =>
        {
            w.WriteString("EndpointName", endpoint);
            w.WriteString("EndpointConfigName", configs[0]);
        });
        return created.RootElement.GetProperty("EndpointArn").GetString()!;
    }

    /// <summary>
    /// Empties every emulated service. The tests of the collection run one after another and each starts from nothing:
    /// moto's InvokeEndpoint result queue is global, so a result one test queued and did not use would answer the next.
    /// </summary>
    public void Reset()
    {
        using var response = _http.PostAsync(new Uri($"{Endpoint}/moto-api/reset"), null).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Queues what moto's InvokeEndpoint answers next (moto answers 200 with the queued body).</summary>
    public async Task QueueInvocationResultAsync(string body)
    {
        var request = JsonSerializer.Serialize(new { results = new[] { new { Body = body, ContentType = "application/json" } } });
        using var content = new StringContent(request, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri($"{Endpoint}/moto-api/static/sagemaker/endpoint-results"), content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Creates a cluster, registers task definition revisions of one family, and a service running the first; returns the cluster's and revisions' ARNs.</summary>
    public async Task<(string Cluster, string[] TaskDefinitions)> CreateServiceAsync(string cluster, string service, int desiredCount, int revisions = 1)
    {
        using var c = await Call(AwsServingClient.Api.Ecs, "AmazonEC2ContainerServiceV20141113.CreateCluster", w => w.WriteString("clusterName", cluster));
        var tasks = new string[revisions];
        for (var i = 0; i < revisions; i++)
        {
            using var t = await Call(AwsServingClient.Api.Ecs, "AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", w =>
            {
                w.WriteString("family", service);
                w.WriteString("networkMode", "awsvpc");
                w.WriteStartArray("requiresCompatibilities");
                w.WriteStringValue("FARGATE");
                w.WriteEndArray();
                w.WriteString("cpu", "1024");
                w.WriteString("memory", "2048");
                w.WriteStartArray("containerDefinitions");
                w.WriteStartObject();
                w.WriteString("name", "server");
                w.WriteString("image", "scorer:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteNumber("memory", 2048);
                w.WriteEndObject();
                w.WriteEndArray();
            });
            tasks[i] = t.RootElement.GetProperty("taskDefinition").GetProperty("taskDefinitionArn").GetString()!;
        }

        (await Call(AwsServingClient.Api.Ecs, "AmazonEC2ContainerServiceV20141113.CreateService", w =>
        {
            w.WriteString("cluster", cluster);
            w.WriteString("serviceName", service);
            w.WriteString("taskDefinition", tasks[0]);
            w.WriteNumber("desiredCount", desiredCount);
            w.WriteString("launchType", "FARGATE");
        })).Dispose();
        return (c.RootElement.GetProperty("cluster").GetProperty("clusterArn").GetString()!, tasks);
    }

    private Task<JsonDocument> Call(AwsServingClient.Api api, string target, Action<Utf8JsonWriter> request) =>
        Client.CallJsonAsync(api, target, request, CancellationToken.None);

    private string? Environment(string name) => Variables.TryGetValue(name, out var v) ? v : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Shares one moto server among the verify tests (which also run one after another: moto's invocation queue is global).</summary>
[CollectionDefinition(Name)]
public sealed class MotoFixtureGroup : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
