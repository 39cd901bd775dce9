using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Clients;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Hosting;

/// <summary>
/// The host's command-line verbs. Without a verb it serves (<c>--role api|worker|all</c>).
/// <list type="bullet">
/// <item><c>migrate</c>: apply the EF Core migrations, install the job storage schema, seed the reference data.</item>
/// <item><c>create-admin-client [--name N]</c>: create a BKN client with every scope on a new installation; prints its secret once.</item>
/// <item><c>seed-dev-clients --out F</c>: Development only: (re)issue the development clients and write them to F.</item>
/// </list>
/// </summary>
public static class HostCommands
{
    public const string DevBknClientId = "dev-bkn";
    public const string DevAgencyClientId = "dev-prov-35";
    public const string DevAgencyCode = "PROV-35";

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        if (verb is null)
        {
            await TalentHubHost.Build(args).RunAsync();
            return 0;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args[1..], ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddTalentHubData(builder.Configuration);
        using var host = builder.Build();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        switch (verb)
        {
            case "migrate":
                await DatabaseMigrator.MigrateAsync(
                    TalentHubHost.ConnectionString(builder.Configuration),
                    TalentHubHost.Hangfire(builder.Configuration).Schema,
                    host.Services.GetRequiredService<TimeProvider>(),
                    cancellation.Token);
                Console.WriteLine("Database migrated, job storage installed, reference data seeded.");
                return 0;
            case "create-admin-client":
                return await PrintNewAdminClientAsync(host.Services, builder.Configuration["name"] ?? "BKN administrator", cancellation.Token);
            case "seed-dev-clients":
                if (!builder.Environment.IsDevelopment())
                {
                    await Console.Error.WriteLineAsync("seed-dev-clients runs only with DOTNET_ENVIRONMENT=Development: production clients are created by an admin.");
                    return 2;
                }

                var output = builder.Configuration["out"];
                if (string.IsNullOrEmpty(output))
                {
                    await Console.Error.WriteLineAsync("Usage: seed-dev-clients --out <file>");
                    return 2;
                }

                return await SeedDevClientsAsync(host.Services, output, cancellation.Token);
            default:
                await Console.Error.WriteLineAsync($"Unknown verb '{verb}'. Verbs: migrate, create-admin-client, seed-dev-clients; or none to serve.");
                return 2;
        }
    }

    public static async Task<NewClient> CreateAdminClientAsync(IServiceProvider services, string name, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
        return await registry.CreateAsync(name, agencyCode: null, Scopes.All, cancellationToken);
    }

    /// <summary>A client for one agency's HR system (used by the benchmark program).</summary>
    public static async Task<NewClient> CreateAgencyClientAsync(IServiceProvider services, string agencyCode, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
        return await registry.CreateAsync($"{agencyCode} HR system", agencyCode, [Scopes.SubmissionsWrite, Scopes.MappingsWrite, Scopes.ProfilesRead], cancellationToken);
    }

    private static async Task<int> PrintNewAdminClientAsync(IServiceProvider services, string name, CancellationToken cancellationToken)
    {
        var created = await CreateAdminClientAsync(services, name, cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(
            new { created.Client.ClientId, ClientSecret = created.Secret, created.Client.Name, created.Client.Scopes },
            Indented));
        await Console.Error.WriteLineAsync("Store the secret now: it is shown once and kept only as a hash.");
        return 0;
    }

    private static async Task<int> SeedDevClientsAsync(IServiceProvider services, string output, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Id, string Name, string? Agency, IReadOnlyList<string> Scopes)> wanted =
        [
            (DevBknClientId, "Development BKN integrator", null, Scopes.All),
            (DevAgencyClientId, "Development agency HR system (Pemerintah Provinsi Jawa Timur)", DevAgencyCode,
                [Scopes.SubmissionsWrite, Scopes.MappingsWrite, Scopes.ProfilesRead, Scopes.AnalyticsRead]),
        ];

        var clients = new List<object>();
        foreach (var (id, name, agency, scopes) in wanted)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TalentHubDbContext>();
            var registry = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
            // Secrets are stored hashed, so a development client that already exists gets a fresh secret to print.
            var issued = await db.ApiClients.AnyAsync(c => c.ClientId == id, cancellationToken)
                ? await registry.RotateSecretAsync(id, cancellationToken)
                : await registry.CreateAsync(name, agency, scopes, cancellationToken, clientId: id);
            var client = issued!.Client;
            clients.Add(new { name = client.Name, clientId = client.ClientId, clientSecret = issued.Secret, agencyCode = client.AgencyCode, scopes = client.Scopes });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new { clients }, Indented), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return 0;
    }
}
