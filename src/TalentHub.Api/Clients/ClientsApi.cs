using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Clients;

public static class ClientsApi
{
    private const string ListName = "clients";

    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/clients").WithTags("Admin: clients").RequireScope(Scopes.Admin);

        api.MapPost("/", CreateClient).WithName("CreateClient").WithSummary("Create an API client; its secret is shown once");
        api.MapGet("/", ListClients).WithName("ListClients").WithSummary("List API clients (keyset-paged)");
        api.MapGet("/{clientId}", GetClient).WithName("GetClient").WithSummary("Get one API client");
        api.MapDelete("/{clientId}", DisableClient).WithName("DisableClient").WithSummary("Disable an API client: it gets no more tokens");
        api.MapPost("/{clientId}/rotate-secret", RotateSecret).WithName("RotateClientSecret").WithSummary("Issue a new secret; the old one stops working at once")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public sealed record CreateClientRequest(string? Name, string? AgencyCode, IReadOnlyList<string>? Scopes);

    public sealed record ClientCreated(string ClientId, string ClientSecret, string Name, string? AgencyCode, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

    public sealed record ClientSummary(
        string ClientId,
        string Name,
        string? AgencyCode,
        IReadOnlyList<string> Scopes,
        DateTimeOffset CreatedAt,
        DateTimeOffset SecretRotatedAt,
        bool Disabled,
        DateTimeOffset? DisabledAt);

    public static async Task<Results<Created<ClientCreated>, ValidationProblem>> CreateClient(
        CreateClientRequest request, ClientRegistry registry, CancellationToken cancellationToken)
    {
        var errors = await registry.ValidateAsync(request.Name, request.AgencyCode, request.Scopes, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await registry.CreateAsync(request.Name!, request.AgencyCode, request.Scopes!, cancellationToken);
        var client = created.Client;
        return TypedResults.Created(
            $"/api/v1/admin/clients/{client.ClientId}",
            new ClientCreated(client.ClientId, created.Secret, client.Name, client.AgencyCode, client.Scopes, client.CreatedAt));
    }

    public static async Task<Results<Ok<Page<ClientSummary>>, ValidationProblem>> ListClients(
        TalentHubDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(ListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.ApiClients.AsNoTracking();
        if (page.After is [var afterId])
        {
            query = query.Where(c => string.Compare(c.ClientId, afterId) > 0);
        }

        var rows = await query.OrderBy(c => c.ClientId).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, ListName, c => [c.ClientId], Summary));
    }

    public static async Task<Results<ETagged<ClientSummary>, NotFound>> GetClient(string clientId, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        return client is null ? TypedResults.NotFound() : ETags.Ok(Summary(client));
    }

    public static async Task<Results<NoContent, NotFound>> DisableClient(
        string clientId, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
        }

        client.DisabledAt ??= clock.DatabaseNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ClientCreated>, NotFound, ProblemHttpResult>> RotateSecret(
        string clientId, ClientRegistry registry, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        if (existing is null)
        {
            return TypedResults.NotFound();
        }

        if (existing.DisabledAt is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "The client is disabled; create a new client instead.");
        }

        var rotated = await registry.RotateSecretAsync(clientId, cancellationToken);
        var client = rotated!.Client;
        return TypedResults.Ok(new ClientCreated(client.ClientId, rotated.Secret, client.Name, client.AgencyCode, client.Scopes, client.CreatedAt));
    }

    private static ClientSummary Summary(ApiClient c) =>
        new(c.ClientId, c.Name, c.AgencyCode, c.Scopes, c.CreatedAt, c.SecretRotatedAt, c.DisabledAt is not null, c.DisabledAt);
}
