using Npgsql;
using NpgsqlTypes;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.ReadRouting;

/// <summary>
/// Read routing (deploy/README.md, "Read replica"). With <c>ConnectionStrings:TalentHubReadReplica</c> set, the endpoints
/// marked <see cref="ReadsFromReplica{TBuilder}"/> read from the streaming replica and answer <c>TalentHub-Read-Source</c>
/// (<c>replica</c> or <c>primary</c>); every other authenticated success carries <c>TalentHub-Consistency-Token</c>, the
/// primary's WAL position after the request's work. A read sending that token back is served by the replica only once
/// the replica has replayed up to it, else by the primary: a client that saw its write (or its submission COMPLETED on
/// the status resource, which always reads the primary) never reads an older state. Without the setting everything
/// reads the primary and neither header is sent.
/// </summary>
public static class ReadRoutingSetup
{
    public const string ReplicaConnectionStringName = "TalentHubReadReplica";
    public const string ConsistencyTokenHeader = "TalentHub-Consistency-Token";
    public const string ReadSourceHeader = "TalentHub-Read-Source";

    /// <summary>The endpoint only reads, and may read a replica's slightly older state (no read-modify-write).</summary>
    public static TBuilder ReadsFromReplica<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(ReplicaReadable.Instance);

    public static IServiceCollection AddTalentHubReadRouting(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetConnectionString(ReplicaConnectionStringName) is { Length: > 0 } replica)
        {
            services.AddSingleton(provider => new ReadReplica(replica, provider.GetRequiredService<ILogger<ReadReplica>>()));
        }

        services.AddScoped<ReadRoute>();
        return services;
    }

    /// <summary>After authorization: an unauthorized request never costs a replica check.</summary>
    public static IApplicationBuilder UseTalentHubReadRouting(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<ReadReplica>() is null ? app : app.UseMiddleware<ReadRoutingMiddleware>();

    private sealed class ReplicaReadable
    {
        public static readonly ReplicaReadable Instance = new();
    }

    private sealed class ReadRoutingMiddleware(RequestDelegate next, ReadReplica replica, NpgsqlDataSource primary, ILogger<ReadReplica> logger)
    {
        public async Task InvokeAsync(HttpContext http, ReadRoute route)
        {
            var endpoint = http.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<ReplicaReadable>() is not null)
            {
                if (await replica.ServesAsync(Token(http.Request), http.RequestAborted))
                {
                    route.UseReplica(replica);
                }

                http.Response.Headers[ReadSourceHeader] = route.FromReplica ? "replica" : "primary";
            }
            else if (endpoint is not null && http.User.Identity?.IsAuthenticated == true)
            {
                http.Response.OnStarting(() => AddConsistencyTokenAsync(http));
            }

            await next(http);
        }

        /// <summary>
        /// The token sent, if any. One this service cannot have issued names a position no replica is known to have
        /// reached, so the read goes to the primary: never an older state than the client may have seen.
        /// </summary>
        private static NpgsqlLogSequenceNumber? Token(HttpRequest request)
        {
            var sent = request.Headers[ConsistencyTokenHeader];
            if (sent.Count == 0)
            {
                return null;
            }

            return sent is [{ } text] && NpgsqlLogSequenceNumber.TryParse(text, out var token) ? token : new NpgsqlLogSequenceNumber(ulong.MaxValue);
        }

        /// <summary>
        /// The primary's insert position once the request's work is committed (the response is starting): it is past
        /// the commit record of every transaction the request saw or wrote, including a job's when the request read its
        /// outcome. A response without it (the primary did not answer) leaves the client to read without one.
        /// </summary>
        private async Task AddConsistencyTokenAsync(HttpContext http)
        {
            if (http.Response.StatusCode >= StatusCodes.Status400BadRequest)
            {
                return;
            }

            try
            {
                await using var command = primary.CreateCommand("SELECT pg_current_wal_insert_lsn()");
                command.CommandTimeout = 5;
                if (await command.ExecuteScalarAsync(http.RequestAborted) is NpgsqlLogSequenceNumber position)
                {
                    http.Response.Headers[ConsistencyTokenHeader] = position.ToString();
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(exception, "No consistency token for {Path}: the primary did not answer", http.Request.Path);
            }
        }
    }
}

/// <summary>
/// Where this request's replica-readable reads go: the replica when the routing chose it, else the primary. Writes
/// (e.g. the access log of a <c>pii</c> read) always take the primary's own <see cref="TalentHubDbContext"/>.
/// </summary>
public sealed class ReadRoute(IServiceProvider services) : IAsyncDisposable
{
    private ReadReplica? _replica;
    private TalentHubDbContext? _replicaContext;

    public bool FromReplica => _replica is not null;

    public NpgsqlDataSource DataSource => _replica?.DataSource ?? services.GetRequiredService<NpgsqlDataSource>();

    public TalentHubDbContext Db => _replica is null
        ? services.GetRequiredService<TalentHubDbContext>()
        : _replicaContext ??= _replica.CreateDbContext();

    internal void UseReplica(ReadReplica replica) => _replica = replica;

    public ValueTask DisposeAsync() => _replicaContext?.DisposeAsync() ?? ValueTask.CompletedTask;
}
