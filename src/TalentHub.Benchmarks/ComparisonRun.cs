using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TalentHub.Api.Auth;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Benchmarks;

/// <summary>
/// The rows of README.md's Benchmark table that compare the service with another way of doing the same thing in the same process:
/// staging records row by row with EF Core <c>SaveChanges</c>, and a bare primary-key read endpoint.
/// </summary>
public static class ComparisonRun
{
    public const string BareProfilePath = "/bench/bare-profiles/";

    /// <summary>
    /// A bare endpoint beside the real ones: one SELECT of a profile's content by primary key through Npgsql, behind the
    /// same token validation and scope, with none of the service's masking, visibility or ETag work.
    /// </summary>
    public static void MapBareProfileRead(IEndpointRouteBuilder app) =>
        app.MapGet(BareProfilePath + "{nip}", async (string nip, NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        {
            await using var command = dataSource.CreateCommand("SELECT content FROM profiles WHERE nip = $1");
            command.Parameters.AddWithValue(nip);
            return await command.ExecuteScalarAsync(cancellationToken) is string content
                ? Results.Text(content, "application/json")
                : Results.NotFound();
        }).RequireScope(Scopes.ProfilesRead);

    /// <summary>The naive way: each record added to a context and saved with its own <c>SaveChanges</c> (one round trip each).</summary>
    public static async Task<double> EfRowByRowRecordsPerSecondAsync(IServiceProvider services, string file, string agency, int records)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TalentHubDbContext>();
        var submission = new Submission
        {
            Id = Guid.CreateVersion7(),
            AgencyCode = agency,
            ClientId = "benchmark",
            IdempotencyKey = Guid.NewGuid().ToString(),
            RequestHash = new byte[32],
            OriginalResponse = "{}",
            Format = SubmissionFormat.Ndjson,
            Status = SubmissionStatus.Received,
            ProgressPhase = "RECEIVED",
            ReceivedAt = DateTimeOffset.UtcNow,
        };
        db.Submissions.Add(submission);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var stopwatch = Stopwatch.StartNew();
        var index = 0;
        foreach (var line in File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)).Take(records))
        {
            db.StagedRecords.Add(new StagedRecord { SubmissionId = submission.Id, RecordIndex = index, Line = index + 1, Raw = line });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            index++;
        }

        return index / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Requests per second of two endpoints under the same load, measured in alternating rounds (A, B, A, B, …, each a
    /// fifth of the duration, after a warm-up of both) so that background work after the load phase hits both alike.
    /// </summary>
    public static async Task<(double A, double B)> AlternatingRequestsPerSecondAsync(
        HttpClient http, string pathA, string pathB, IReadOnlyList<string> nips, int concurrency, TimeSpan duration)
    {
        var round = duration / 5;
        await RequestsPerSecondAsync(http, pathA, nips, concurrency, TimeSpan.FromSeconds(1));
        await RequestsPerSecondAsync(http, pathB, nips, concurrency, TimeSpan.FromSeconds(1));
        double a = 0, b = 0;
        for (var i = 0; i < 5; i++)
        {
            a += await RequestsPerSecondAsync(http, pathA, nips, concurrency, round) / 5;
            b += await RequestsPerSecondAsync(http, pathB, nips, concurrency, round) / 5;
        }

        return (a, b);
    }

    /// <summary>Requests per second of GETs spread over the NIPs, from <paramref name="concurrency"/> loops for the duration.</summary>
    private static async Task<double> RequestsPerSecondAsync(HttpClient http, string pathPrefix, IReadOnlyList<string> nips, int concurrency, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, concurrency).Select(async loop =>
        {
            var done = 0;
            for (var i = loop; stopwatch.Elapsed < duration; i += concurrency)
            {
                using var response = await http.GetAsync(pathPrefix + nips[i % nips.Count]);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                done++;
            }

            return done;
        });
        var total = (await Task.WhenAll(loops)).Sum();
        return total / stopwatch.Elapsed.TotalSeconds;
    }

    public static async Task<List<string>> EmployedNipsAsync(string database, string agency)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT nip FROM profiles WHERE employing_agency = @agency AND merged_into IS NULL ORDER BY nip", connection);
        command.Parameters.AddWithValue("agency", agency);
        var nips = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            nips.Add(reader.GetString(0));
        }

        return nips;
    }
}
