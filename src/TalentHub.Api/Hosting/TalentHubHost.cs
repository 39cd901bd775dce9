using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using TalentHub.Api.Agencies;
using TalentHub.Api.Analytics;
using TalentHub.Api.Auth;
using TalentHub.Api.Clients;
using TalentHub.Api.Http;
using TalentHub.Api.Changes;
using TalentHub.Api.Exports;
using TalentHub.Api.Mappings;
using TalentHub.Api.Profiles;
using TalentHub.Api.ReadRouting;
using TalentHub.Api.Stewardship;
using TalentHub.Api.Operations;
using TalentHub.Api.Standard;
using TalentHub.Api.Submissions;
using TalentHub.Api.Vacancies;
using TalentHub.Api.WebConsole;
using TalentHub.Infrastructure.Analytics;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Ingestion;
using TalentHub.Infrastructure.Jobs;
using TalentHub.Infrastructure.Normalization;
using TalentHub.Infrastructure.Reconciliation;
using TalentHub.Infrastructure.Resilience;
using TalentHub.Infrastructure.Stewardship;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Hosting;

public static class TalentHubHost
{
    public const string ConnectionStringName = "TalentHub";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)
        ?? throw new InvalidOperationException($"Set ConnectionStrings:{ConnectionStringName} (environment ConnectionStrings__{ConnectionStringName}).");

    public static TimeProvider Clock(IConfiguration configuration) =>
        configuration["Clock:Now"] is { Length: > 0 } now
            ? new ShiftedTimeProvider(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture))
            : new ShiftedTimeProvider();

    public static HangfireSettings Hangfire(IConfiguration configuration) =>
        configuration.GetSection("Hangfire").Get<HangfireSettings>() ?? new HangfireSettings();

    /// <summary>Database access shared by the web host and the command-line verbs.</summary>
    public static IServiceCollection AddTalentHubData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Clock(configuration));
        services.AddSingleton(_ => NpgsqlDataSource.Create(ConnectionString(configuration)));
        services.AddKeyedSingleton(JobDatabase.Key, (_, _) => JobDatabase.Create(ConnectionString(configuration)));
        services.AddDbContextPool<TalentHubDbContext>((provider, options) => options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddScoped<ClientRegistry>();
        services.AddSingleton<DatabaseRetry>();
        return services;
    }

    /// <summary>The pipeline's services and jobs: the web host only (the command-line verbs have no job storage).</summary>
    public static IServiceCollection AddTalentHubPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineSettings>().Bind(configuration.GetSection(PipelineSettings.Section));
        services.AddSingleton<SubmissionIntake>();
        services.AddScoped<SubmissionStore>();
        services.AddScoped<SubmissionProcessor>();
        services.AddScoped<SubmissionMaintenance>();
        services.AddSingleton<MappingStore>();
        services.AddScoped<Renormalizer>();
        services.AddSingleton<StandardStore>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<StewardshipService>();
        services.AddScoped<IndexRebuilder>();
        services.AddSingleton<CounterFold>();
        return services;
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = builder.Configuration;
        var role = HostRoles.From(configuration);
        var services = builder.Services;

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Raised per endpoint by RequestBodyLimit (submissions); everything else stays at 1 MB.
            kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.DefaultLimitBytes;
            kestrel.AddServerHeader = false;
            // By default Kestrel refuses a header that is not valid UTF-8 before the pipeline runs, with a bare 400.
            // Decoded leniently (such bytes become U+FFFD) the header reaches the endpoints, whose checks (e.g. of
            // Idempotency-Key) answer with problem details.
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.UTF8;
        });

        builder.AddTalentHubObservability(role);
        services.AddTalentHubData(configuration);
        services.AddTalentHubPipeline(configuration);
        services.AddTalentHubReadRouting(configuration);
        services.AddTalentHubAnalytics();
        services.AddScoped<MappingService>();
        services.AddOptions<AuthSettings>().Bind(configuration.GetSection(AuthSettings.Section));
        services.AddSingleton<TokenIssuer>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddJwtBearer(ScopePolicies.HangfireScheme, HangfireDashboardApi.ConfigureCookieTokenScheme);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthSettings>, TimeProvider>(ConfigureJwt);
        services.AddOptions<JwtBearerOptions>(ScopePolicies.HangfireScheme).Configure<IOptions<AuthSettings>, TimeProvider>(ConfigureJwt);
        ScopePolicies.Configure(services.AddAuthorizationBuilder());

        services.ConfigureHttpJsonOptions(options => JsonConventions.Apply(options.SerializerOptions));
        // Binding failures reach the exception handler, which answers them as problem details with a useful detail.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ExceptionProblems>();
        services.AddTalentHubProblemDetails();
        services.AddTalentHubRateLimits(configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings());
        services.AddTalentHubHealthChecks();
        services.AddTalentHubOpenApi();
        services.AddTalentHubHangfire(ConnectionString(configuration), Hangfire(configuration), runServer: role.RunsJobs());
        services.AddOptions<ExportSettings>().Bind(configuration.GetSection(ExportSettings.Section));
        services.AddScoped<ExportJob>();
        services.AddScoped<ExportMaintenance>();
        if (role.RunsJobs())
        {
            services.AddHostedService<ExportRecurringJobs>();
        }

        var app = builder.Build();
        app.UseManagementPort();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (role.ServesApi())
        {
            // Anonymous by contract, and served before authorization so the deny-by-default fallback never sees it.
            app.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint("/openapi/v1.json", "TalentHub v1");
                options.RoutePrefix = "swagger";
                options.DocumentTitle = "TalentHub API";
                // Authorize offers OAuth2 (client id and secret; Swagger UI posts them as HTTP Basic, which the token
                // endpoint accepts) or a pasted bearer token; persisted, a login survives a page reload.
                options.EnablePersistAuthorization();
            });
            app.UseConsole();
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseTalentHubReadRouting();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseMiddleware<RequestTextGuard>();

        app.MapHealthApi();
        if (role.ServesApi())
        {
            app.MapOpenApi().AllowAnonymous().DisableRateLimiting();
            app.MapTokenApi();
            app.MapStandardApi();
            app.MapAgenciesApi();
            app.MapClientsApi();
            app.MapSubmissionsApi();
            app.MapMappingsApi();
            app.MapProfilesApi();
            app.MapChangesApi();
            app.MapConflictsApi();
            app.MapDuplicatesApi();
            app.MapStewardshipApi();
            app.MapExportsApi();
            app.MapVacanciesApi();
            app.MapAnalyticsApi();
            app.MapAdminIndexApi();
            app.MapAdminStandardApi();
            app.MapHangfireDashboardApi();
        }

        return app;
    }

    private static void ConfigureJwt(JwtBearerOptions options, IOptions<AuthSettings> settings, TimeProvider clock)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = TokenIssuer.ValidationParameters(settings.Value, clock);
    }
}
