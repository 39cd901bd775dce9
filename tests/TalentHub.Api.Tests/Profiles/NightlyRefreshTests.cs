using System.Net;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Infrastructure.Reconciliation;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Profiles;

/// <summary>A host of its own whose clock starts on 9 May 2026, 10:00 in Jakarta, and is moved by the test.</summary>
public sealed class NightlyRefreshFactory : TalentHubFactory
{
    public static readonly DateTimeOffset Start = new(2026, 5, 9, 10, 0, 0, TimeSpan.FromHours(7));

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Clock:Now"] = Start.ToString("O") };
}

/// <summary>
/// The nightly refresh (04-reconciliation.md, Jobs) recomputes exactly the profiles the calendar changed since the last
/// date it covered: an assessment's anniversary, the performance window on 1 January, and the nights it missed. Run as
/// the real recurring Hangfire job, followed through the rebuild status resource.
/// </summary>
public sealed class NightlyRefreshTests(NightlyRefreshFactory factory) : IClassFixture<NightlyRefreshFactory>
{
    private const string Agency = "PROV-35";

    private sealed record Run(int Done, int Total, int Versions);

    [Fact]
    public async Task Exactly_the_profiles_whose_assessment_turned_stale_or_whose_window_moved_get_new_versions()
    {
        await RegisterValidRecordMappingsAsync(factory, Agency);
        using var agency = await factory.ClientWithScopesAsync(Agency, "submissions.write");
        var reader = await factory.CreateApiClientAsync(Agency, "profiles.read");
        // Stale on 10 May 2026 (three years of ASSESSMENT_CENTER); rated only in 2021.
        var anniversary = Person(711, "2023-05-10", (2021, "BAIK"));
        // Rated 2025 and 2023: the window of 2026 holds both, that of 2027 only 2025, so its class moves on 1 January.
        var windowMoves = Person(712, "2025-02-03", (2025, "SANGAT_BAIK"), (2023, "KURANG"));
        // Stale on 17 August 2026, a night the refresh does not run: caught up by the next run.
        var missedNight = Person(713, "2023-08-17", (2021, "BAIK"));
        // Nothing the calendar changes before 2028.
        var untouched = Person(714, "2025-01-10", (2021, "BAIK"));
        await SubmitAndWaitAsync(agency, Ndjson([anniversary, windowMoves, missedNight, untouched]));
        var nips = new[] { anniversary, windowMoves, missedNight, untouched }.Select(p => (string)p["nip"]!).ToArray();
        Assert.Equal(4, (await VersionsAsync()).Count);

        // The first run has no date behind it: every profile, all computed today already, so no version.
        var first = await RefreshAsync();
        Assert.Equal(new Run(4, 4, 0), first);
        var before = await VersionsAsync();

        // Run again the same day: nothing due, nothing recomputed.
        Assert.Equal(new Run(0, 0, 0), await RefreshAsync());
        Assert.Equal(before, await VersionsAsync());

        // The anniversary: that profile alone.
        factory.Clock.SetNow(NightlyRefreshFactory.Start.AddDays(1));
        Assert.Equal(new Run(1, 1, 1), await RefreshAsync());
        var afterAnniversary = await VersionsAsync();
        Assert.Equal(Bumped(before, nips[0]), afterAnniversary);
        Assert.True(await StaleAsync(reader, nips[0]));

        // Nights skipped until 2 January 2027: the missed anniversary and the window moved by 1 January, nothing else.
        factory.Clock.SetNow(new DateTimeOffset(2027, 1, 2, 10, 0, 0, TimeSpan.FromHours(7)));
        Assert.Equal(new Run(2, 2, 2), await RefreshAsync());
        Assert.Equal(Bumped(Bumped(afterAnniversary, nips[1]), nips[2]), await VersionsAsync());
        Assert.True(await StaleAsync(reader, nips[2]));
        Assert.False(await StaleAsync(reader, nips[3]));

        // And with that covered, nothing is due again.
        Assert.Equal(new Run(0, 0, 0), await RefreshAsync());
    }

    /// <summary>The spec's valid record with one assessment on that date and SKP ratings of those years only.</summary>
    private static JsonObject Person(int sequence, string assessedAt, params (int Year, string Rating)[] ratings)
    {
        var record = ValidRecord(sequence);
        record["assessments"]![0]!["id"] = $"AC-{sequence}";
        record["assessments"]![0]!["assessedAt"] = assessedAt;
        record["performance"] = new JsonArray([.. ratings.Select(r => (JsonNode)new JsonObject { ["year"] = r.Year, ["rating"] = r.Rating })]);
        return record;
    }

    private static Dictionary<string, int> Bumped(Dictionary<string, int> versions, string nip) =>
        versions.ToDictionary(v => v.Key, v => v.Key == nip ? v.Value + 1 : v.Value);

    /// <summary>Triggers the recurring nightly job and follows the run it records through the rebuild status resource.</summary>
    private async Task<Run> RefreshAsync()
    {
        var earlier = await NightlyRunsAsync();
        factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(IndexRebuilder.NightlyJobId);
        // A token of the moved clock: one minted before the move has expired by the host's clock.
        using var admin = factory.Authorized(await factory.TokenAsync(factory.AdminClientId, factory.AdminSecret));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            if ((await NightlyRunsAsync()).Except(earlier).SingleOrDefault() is { } id && id != Guid.Empty)
            {
                using var response = await admin.GetAsync($"/api/v1/admin/rebuilds/{id}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var rebuild = await response.JsonAsync();
                if (rebuild.GetProperty("status").GetString() == "COMPLETED")
                {
                    return new Run(rebuild.GetProperty("done").GetInt32(), rebuild.GetProperty("total").GetInt32(), rebuild.GetProperty("versions").GetInt32());
                }
            }
        }

        throw new TimeoutException("The nightly refresh did not complete in 90 s.");
    }

    private async Task<List<Guid>> NightlyRunsAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM index_rebuilds WHERE cause = 'NIGHTLY_REFRESH'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<Dictionary<string, int>> VersionsAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT nip, version FROM profiles", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            versions[reader.GetString(0)] = reader.GetInt32(1);
        }

        return versions;
    }

    /// <summary>Whether the profile's current M1 (Integritas, from the assessment) is shown stale.</summary>
    private async Task<bool> StaleAsync((string ClientId, string Secret) reader, string nip)
    {
        using var client = factory.Authorized(await factory.TokenAsync(reader.ClientId, reader.Secret));
        var profile = await (await client.GetAsync($"/api/v1/profiles/{nip}")).JsonAsync();
        return profile.GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "M1").GetProperty("stale").GetBoolean();
    }
}
