using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TalentHub.Api.Hosting;
using TalentHub.Infrastructure.Telemetry;

namespace TalentHub.Api.Operations;

public sealed class MetricsSettings
{
    public const string Section = "Metrics";

    /// <summary>The management port: Kestrel listens on it too, and it serves only <c>/metrics</c>. Unset: no scrape endpoint.</summary>
    public int? Port { get; set; }

    /// <summary>The address the management port listens on (<c>*</c>: every interface; firewall it to the Prometheus servers).</summary>
    public string Host { get; set; } = "*";
}

/// <summary>
/// OpenTelemetry for the host: traces (the jobs' spans always, so their logs carry trace ids; ASP.NET Core, HttpClient
/// and Npgsql spans when an OTLP endpoint is configured), metrics (ASP.NET Core, HttpClient, runtime, Npgsql and the
/// <see cref="TalentHubMetrics.MeterName"/> meter) for a Prometheus scrape on the management port and/or OTLP.
/// </summary>
public static class Observability
{
    public const string ScrapePath = "/metrics";

    /// <summary>The standard OpenTelemetry variable: set, traces, metrics and logs are also sent there over OTLP.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static MetricsSettings Metrics(IConfiguration configuration) =>
        configuration.GetSection(MetricsSettings.Section).Get<MetricsSettings>() ?? new MetricsSettings();

    public static void AddTalentHubObservability(this WebApplicationBuilder builder, HostRole role)
    {
        var configuration = builder.Configuration;
        var metrics = Metrics(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        if (metrics.Port is { } port)
        {
            ListenAlsoOn(builder.WebHost, metrics.Host, port);
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService("talenthub");
                }

                resource.AddAttributes([new("talenthub.role", role.ToString().ToLowerInvariant())]);
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(JobTelemetry.SourceName);
                if (otlp)
                {
                    tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql();
                }
            });

        if (metrics.Port is null && !otlp)
        {
            return;
        }

        telemetry.WithMetrics(meters =>
        {
            meters.AddMeter(TalentHubMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation();
            if (metrics.Port is not null)
            {
                meters.AddPrometheusExporter();
            }
        });
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddSingleton(provider => ActivatorUtilities.CreateInstance<PipelineGauges>(provider, TalentHubHost.Hangfire(configuration)));
    }

    /// <summary>
    /// On the management port, <c>/metrics</c> (Prometheus text) and nothing else; the port is told by the connection,
    /// not by the Host header a client chooses. On the public port <c>/metrics</c> is no endpoint: 401 without a token,
    /// 404 with one.
    /// </summary>
    public static void UseManagementPort(this WebApplication app)
    {
        // The gauges register their instruments when created; they are registered only when metrics are exported.
        app.Services.GetService<PipelineGauges>();
        if (Metrics(app.Configuration).Port is not { } port)
        {
            return;
        }

        app.MapWhen(http => http.Connection.LocalPort == port, management =>
        {
            management.UseOpenTelemetryPrometheusScrapingEndpoint(ScrapePath);
            management.Run(http =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }

    /// <summary>
    /// Adds the management port to the addresses the host serves (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>ASPNETCORE_HTTP_PORTS</c>, else Kestrel's default); a Listen call would replace them instead. Listed first:
    /// the last address is the one the test factory's clients use.
    /// </summary>
    private static void ListenAlsoOn(IWebHostBuilder web, string host, int port)
    {
        var urls = web.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (string.IsNullOrWhiteSpace(urls))
        {
            var httpPorts = web.GetSetting(WebHostDefaults.HttpPortsKey);
            urls = string.IsNullOrWhiteSpace(httpPorts)
                ? "http://localhost:5000"
                : string.Join(';', httpPorts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
        }

        web.UseUrls([$"http://{host}:{port}", .. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
    }
}
