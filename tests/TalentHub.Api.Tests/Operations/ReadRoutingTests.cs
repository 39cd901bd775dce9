using System.Net;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Api.ReadRouting;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Operations;

/// <summary>
/// The read replica named by the primary's own database: a server not in recovery has replayed everything up to its own
/// insert position, so the routing's decisions (which reads may go to the replica, and when a token keeps them on the
/// primary) are observable without a second server. deploy/local/cluster.sh --smoke checks them on a real standby.
/// </summary>
public sealed class SameServerReplicaFactory : TalentHubFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:" + ReadRoutingSetup.ReplicaConnectionStringName] =
            new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = "talenthub-read-replica" }.ConnectionString,
    };
}

/// <summary>A replica that does not answer: nothing listens on its port.</summary>
public sealed class UnreachableReplicaFactory : TalentHubFactory
{
    private static readonly int ClosedPort = ClosedLocalPort();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:" + ReadRoutingSetup.ReplicaConnectionStringName] =
            new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = ClosedPort, Timeout = 3 }.ConnectionString,
    };

    private static int ClosedLocalPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class ReadRoutingTests(SameServerReplicaFactory factory) : IClassFixture<SameServerReplicaFactory>
{
    private const string Nip = "198503152010012701";

    [Fact]
    public async Task Profile_feed_and_analytics_reads_go_to_the_replica_unless_their_token_is_ahead_of_it()
    {
        await RegisterValidRecordMappingsAsync(factory, "PROV-35");
        using var agency = await factory.ClientWithScopesAsync("PROV-35", "submissions.write", "profiles.read", "analytics.read");
        using var posted = await PostAsync(agency, Ndjson([ValidRecord(701)]));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.NotNull(Token(posted));

        // The submission's outcome is read from the primary, with the token to read what it reports.
        var done = await WaitForCompletionAsync(agency, posted.Headers.Location!);
        Assert.Equal("COMPLETED", done.GetProperty("status").GetString());
        using var status = await agency.GetAsync(posted.Headers.Location!);
        Assert.False(status.Headers.Contains(ReadRoutingSetup.ReadSourceHeader));
        var token = Token(status) ?? throw new InvalidOperationException("The status resource carries no consistency token.");
        Assert.True(NpgsqlLogSequenceNumber.TryParse(token, out var position) && (ulong)position > 0, token);

        var withoutToken = await ReadProfileAsync(agency, token: null);
        Assert.Equal(("replica", HttpStatusCode.OK), (withoutToken.Source, withoutToken.Status));
        Assert.Equal(("replica", HttpStatusCode.OK), Summary(await ReadProfileAsync(agency, token)));
        // A position the replica has not replayed (and a token this service cannot have issued) keeps the read on the primary.
        var ahead = await ReadProfileAsync(agency, "FFFFFFFF/FFFFFFFF");
        Assert.Equal(("primary", HttpStatusCode.OK), Summary(ahead));
        Assert.Equal(withoutToken.Body, ahead.Body);
        Assert.Equal(("primary", HttpStatusCode.OK), Summary(await ReadProfileAsync(agency, "yesterday")));

        foreach (var path in new[] { $"/api/v1/profiles/{Nip}/history", $"/api/v1/profiles/{Nip}/competencies/M1/derivation", "/api/v1/profiles?limit=5", "/api/v1/analytics/nine-box?agencyCode=PROV-35" })
        {
            using var response = await agency.GetAsync(path);
            Assert.Equal((HttpStatusCode.OK, "replica"), (response.StatusCode, Source(response)));
            Assert.Null(Token(response));
        }

        using var national = await factory.ClientWithScopesAsync(null, "changes.read");
        using var feed = await national.GetAsync("/api/v1/changes");
        Assert.Equal((HttpStatusCode.OK, "replica"), (feed.StatusCode, Source(feed)));
        Assert.Contains(Nip, await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pii_read_routed_to_the_replica_still_writes_its_access_log_and_failures_carry_no_token()
    {
        await RegisterValidRecordMappingsAsync(factory, "PROV-35");
        using var agency = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");
        await SubmitAndWaitAsync(agency, Ndjson([ValidRecord(702)]));
        using var bkn = await factory.ClientWithScopesAsync(null, "profiles.read", "pii", "admin");

        using var read = await bkn.GetAsync("/api/v1/profiles/198503152010012702");
        Assert.Equal((HttpStatusCode.OK, "replica"), (read.StatusCode, Source(read)));
        var log = await (await bkn.GetAsync("/api/v1/admin/access-log?limit=1000")).JsonAsync();
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("endpoint").GetString() == "/api/v1/profiles/198503152010012702");

        using var missing = await agency.GetAsync($"/api/v1/submissions/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(Token(missing));
    }

    private async Task<(string? Source, HttpStatusCode Status, string Body)> ReadProfileAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/profiles/{Nip}");
        if (token is not null)
        {
            request.Headers.Add(ReadRoutingSetup.ConsistencyTokenHeader, token);
        }

        using var response = await client.SendAsync(request);
        return (Source(response), response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static (string? Source, HttpStatusCode Status) Summary((string? Source, HttpStatusCode Status, string Body) read) => (read.Source, read.Status);

    internal static string? Source(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ReadRoutingSetup.ReadSourceHeader, out var values) ? values.Single() : null;

    internal static string? Token(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ReadRoutingSetup.ConsistencyTokenHeader, out var values) ? values.Single() : null;
}

public sealed class UnreachableReplicaTests(UnreachableReplicaFactory factory) : IClassFixture<UnreachableReplicaFactory>
{
    [Fact]
    public async Task Reads_go_to_the_primary_while_the_replica_does_not_answer()
    {
        using var national = await factory.ClientWithScopesAsync(null, "changes.read", "analytics.read");
        foreach (var path in new[] { "/api/v1/changes", "/api/v1/analytics/nine-box" })
        {
            using var response = await national.GetAsync(path);
            Assert.Equal((HttpStatusCode.OK, "primary"), (response.StatusCode, ReadRoutingTests.Source(response)));
        }
    }
}

[Collection(ApiCollection.Name)]
public sealed class WithoutReplicaTests(TalentHubFactory factory)
{
    [Fact]
    public async Task Without_a_replica_connection_string_nothing_is_routed_and_no_token_is_sent()
    {
        using var national = await factory.ClientWithScopesAsync(null, "changes.read", "submissions.write");
        foreach (var path in new[] { "/api/v1/changes", "/api/v1/submissions" })
        {
            using var response = await national.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(ReadRoutingTests.Source(response));
            Assert.Null(ReadRoutingTests.Token(response));
        }
    }
}
