using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Exports;

/// <summary>
/// Exports through HTTP with real jobs: filters and row counts against the profile list, NDJSON lines equal to profile
/// reads, CSV neutralization and masking, the checksum and a Range resume, and the snapshot-and-cursor guarantee with a
/// writer running during the export. People here: NIPs 198503152010012 7xx in PROV-34 (and PROV-36).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExportsTests(TalentHubFactory factory)
{
    private const string Agency = "PROV-34";

    private static string Nip(int sequence) => $"198503152010012{sequence:D3}";

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _loaded;

    /// <summary>Six people of PROV-34 at three position levels, one of them no longer ACTIVE, one named like a formula.</summary>
    private async Task LoadAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_loaded)
            {
                return;
            }

            await RegisterValidRecordMappingsAsync(factory, Agency);
            using var agency = await factory.ClientWithScopesAsync(Agency, "submissions.write");
            var records = Enumerable.Range(701, 6).Select(sequence =>
            {
                var record = ValidRecord(sequence);
                record["nik"] = $"357801550385{sequence:D4}";
                record["name"] = sequence == 701 ? "=HYPERLINK(\"http://x\",\"Budi\")" : $"Pegawai Ekspor {sequence}";
                record["birthPlace"] = "Yogyakarta";
                // A recent assessment: its explicit potential is not stale, so the ACTIVE people are placed in a box.
                record["assessments"]![0]!["assessedAt"] = "2025-05-10";
                record["position"]!["province"] = "34";
                record["position"]!["level"] = (sequence % 3) switch { 0 => "PENGAWAS", 1 => "ADMINISTRATOR", _ => "PELAKSANA" };
                if (sequence == 706)
                {
                    record["status"] = "RETIRED";
                }

                return (JsonNode)record;
            });
            var done = await SubmitAndWaitAsync(agency, Ndjson(records));
            Assert.Equal(6, done.GetProperty("accepted").GetInt32());
            _loaded = true;
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>Creates an export and waits until it is COMPLETED.</summary>
    internal static async Task<JsonElement> ExportAsync(HttpClient client, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exports") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await client.SendAsync(request);
        var created = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/exports/{created.GetProperty("id").GetString()}", response.Headers.Location?.ToString());
        return await WaitAsync(client, created.GetProperty("id").GetString()!);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var export = await (await client.GetAsync($"/api/v1/exports/{id}")).JsonAsync();
            if (export.GetProperty("status").GetString() is "COMPLETED" or "FAILED" || DateTime.UtcNow > deadline)
            {
                Assert.Equal("COMPLETED", export.GetProperty("status").GetString());
                return export;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, JsonElement export)
    {
        using var response = await client.GetAsync(export.GetProperty("file").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/gzip", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".gz", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Gunzip(byte[] file)
    {
        using var gzip = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task An_NDJSON_export_holds_each_profile_as_its_read_with_the_checksum_as_ETag_and_resumes_with_Range()
    {
        await LoadAsync();
        using var integrator = await factory.ClientWithScopesAsync(null, "changes.read", "profiles.read");
        var export = await ExportAsync(integrator, new { format = "NDJSON", filter = new { agencyCode = Agency } });
        var file = await DownloadAsync(integrator, export);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), export.GetProperty("sha256").GetString());
        Assert.Equal(file.Length, export.GetProperty("byteSize").GetInt64());
        Assert.True(file.Length > 2048, "the file should span several stored chunks");
        // The retired person has no employing agency: five of the six.
        var lines = Gunzip(file).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal(5, export.GetProperty("rowCount").GetInt64());
        Assert.Equal(5, export.GetProperty("progress").GetProperty("total").GetInt64());
        foreach (var line in lines)
        {
            var nip = JsonDocument.Parse(line).RootElement.GetProperty("nip").GetString();
            var read = await (await integrator.GetAsync($"/api/v1/profiles/{nip}")).Content.ReadAsStringAsync();
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(read), JsonNode.Parse(line)), $"{nip}: the export line differs from the profile read");
            Assert.DoesNotContain("Yogyakarta", line, StringComparison.Ordinal);
        }

        // An interrupted download resumes where it stopped, across a chunk boundary; the ETag is the checksum.
        using var tail = new HttpRequestMessage(HttpMethod.Get, export.GetProperty("file").GetString());
        tail.Headers.Range = new RangeHeaderValue(1000, null);
        using var resumed = await integrator.SendAsync(tail);
        Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
        Assert.Equal($"\"{export.GetProperty("sha256").GetString()}\"", resumed.Headers.ETag?.ToString());
        Assert.Equal(file.AsSpan(1000).ToArray(), await resumed.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("agencyCode", Agency)]
    [InlineData("positionLevel", "ADMINISTRATOR")]
    [InlineData("status", "RETIRED")]
    [InlineData("province", "34")]
    [InlineData("box", "")]
    public async Task Each_filter_exports_exactly_the_profiles_the_profile_list_shows(string field, string value)
    {
        await LoadAsync();
        using var integrator = await factory.ClientWithScopesAsync(null, "changes.read", "profiles.read");
        var filter = new JsonObject();
        var query = new List<string>();
        if (field == "box")
        {
            // A box that one of the agency's people is in.
            var placed = (await (await integrator.GetAsync($"/api/v1/profiles?agencyCode={Agency}&limit=1000")).JsonAsync()).GetProperty("items").EnumerateArray()
                .First(p => p.GetProperty("box").ValueKind == JsonValueKind.Number && p.GetProperty("employingAgency").ValueKind == JsonValueKind.String);
            filter["box"] = placed.GetProperty("box").GetInt32();
            filter["agencyCode"] = placed.GetProperty("employingAgency").GetString();
        }
        else
        {
            filter[field] = value;
            if (field != "status")
            {
                filter["agencyCode"] = Agency;
            }
        }

        foreach (var (name, node) in filter)
        {
            query.Add($"{name}={node}".Replace("\"", "", StringComparison.Ordinal));
        }

        var listed = (await (await integrator.GetAsync($"/api/v1/profiles?limit=1000&{string.Join('&', query)}")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("nip").GetString()).ToList();
        var export = await ExportAsync(integrator, new JsonObject { ["format"] = "NDJSON", ["filter"] = filter });
        var exported = Gunzip(await DownloadAsync(integrator, export)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("nip").GetString()).ToList();

        Assert.NotEmpty(exported);
        Assert.Equal(listed, exported);
        Assert.Equal(exported.Count, export.GetProperty("rowCount").GetInt64());
    }

    [Fact]
    public async Task A_CSV_export_neutralizes_formulas_masks_without_pii_and_a_pii_export_is_logged_with_its_filter_and_row_count()
    {
        await LoadAsync();
        using var masked = await factory.ClientWithScopesAsync(null, "changes.read");
        var (clientId, secret) = await factory.CreateApiClientAsync(null, "changes.read", "pii");
        using var unmasked = factory.Authorized(await factory.TokenAsync(clientId, secret));

        var csv = Gunzip(await DownloadAsync(masked, await ExportAsync(masked, new { format = "CSV", filter = new { agencyCode = Agency } })));
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, rows.Length);
        Assert.StartsWith("nip,name,nik,birthPlace,birthDate,gender,status", rows[0], StringComparison.Ordinal);
        Assert.Contains("M1_level,M1_stale", rows[0], StringComparison.Ordinal);
        var formula = rows.Single(r => r.StartsWith(Nip(701), StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"Budi\"\")\"", formula, StringComparison.Ordinal);
        Assert.Contains("3578********0701", formula, StringComparison.Ordinal);
        Assert.DoesNotContain("Yogyakarta", csv, StringComparison.Ordinal);

        var export = await ExportAsync(unmasked, new { format = "CSV", filter = new { agencyCode = Agency } });
        var clear = Gunzip(await DownloadAsync(unmasked, export));
        Assert.Contains("3578015503850701", clear, StringComparison.Ordinal);
        Assert.Contains("Yogyakarta", clear, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var log = new NpgsqlCommand("SELECT details FROM pii_access_log WHERE client_id = @client AND endpoint = @endpoint", connection);
        log.Parameters.AddWithValue("client", clientId);
        log.Parameters.AddWithValue("endpoint", $"/api/v1/exports/{export.GetProperty("id").GetString()}");
        var details = JsonDocument.Parse((string)(await log.ExecuteScalarAsync())!).RootElement;
        Assert.Equal(5, details.GetProperty("rowCount").GetInt64());
        Assert.Equal(Agency, details.GetProperty("filter").GetProperty("agencyCode").GetString());

        // The file of a pii export is not for a token without pii.
        using var withoutPii = await factory.ClientWithScopesAsync(null, "changes.read");
        Assert.Equal(HttpStatusCode.NotFound, (await withoutPii.GetAsync(export.GetProperty("file").GetString())).StatusCode);
    }

    [Fact]
    public async Task Following_the_feed_from_the_exports_cursor_gives_every_change_after_the_snapshot_and_none_it_holds()
    {
        await RegisterValidRecordMappingsAsync(factory, "PROV-36");
        using var agency = await factory.ClientWithScopesAsync("PROV-36", "submissions.write");
        Func<int, string, JsonNode> person = (sequence, grade) =>
        {
            var record = ValidRecord(sequence);
            record["nik"] = $"357801550385{sequence:D4}";
            record["name"] = $"Pegawai Umpan {sequence}";
            record["grade"] = grade;
            record["position"]!["province"] = "36";
            return record;
        };
        await SubmitAndWaitAsync(agency, Ndjson([person(720, "III/a"), person(721, "III/a")]));
        using var integrator = await factory.ClientWithScopesAsync(null, "changes.read", "profiles.read");

        // A writer still running when the snapshot is taken (its change is not in the export) ...
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var late = await connection.BeginTransactionAsync();
        await using (var write = new NpgsqlCommand(
            """
            UPDATE profiles SET version = version + 1 WHERE nip = @nip;
            INSERT INTO profile_versions (nip, version, kind, changes, cause, changed_at) SELECT nip, version, 'UPDATED', '[]', 'TEST late writer', now() FROM profiles WHERE nip = @nip;
            INSERT INTO change_feed (nip, version, kind, changed_at) SELECT nip, version, 'UPDATED', now() FROM profiles WHERE nip = @nip;
            """,
            connection,
            late))
        {
            write.Parameters.AddWithValue("nip", Nip(720));
            await write.ExecuteNonQueryAsync();
        }

        // ... and one that started later but committed before it (its change is in the export).
        var updated = person(721, "III/b");
        updated["sourceUpdatedAt"] = "2025-06-01T08:00:00+07:00";
        await SubmitAndWaitAsync(agency, Ndjson([updated]));
        var export = await ExportAsync(integrator, new { format = "NDJSON", filter = new { agencyCode = "PROV-36" } });
        await late.CommitAsync();

        var exported = Gunzip(await DownloadAsync(integrator, export)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(p => p.GetProperty("nip").GetString()!, p => p.GetProperty("version").GetInt32());
        var after = new List<JsonElement>();
        var cursor = export.GetProperty("feedCursor").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!after.Any(e => e.GetProperty("nip").GetString() == Nip(720)) && DateTime.UtcNow < deadline)
        {
            var page = await (await integrator.GetAsync($"/api/v1/changes?limit=1000&cursor={cursor}")).JsonAsync();
            after.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
            await Task.Delay(50);
        }

        var mine = after.Where(e => exported.ContainsKey(e.GetProperty("nip").GetString()!)).ToList();
        var late720 = Assert.Single(mine, e => e.GetProperty("nip").GetString() == Nip(720));
        Assert.Equal(exported[Nip(720)] + 1, late720.GetProperty("version").GetInt32());
        Assert.DoesNotContain(mine, e => e.GetProperty("nip").GetString() == Nip(721));
        Assert.All(mine, e => Assert.True(e.GetProperty("version").GetInt32() > exported[e.GetProperty("nip").GetString()!]));
    }

    [Fact]
    public async Task Another_clients_export_is_not_found_and_bad_requests_are_problems()
    {
        await LoadAsync();
        using var owner = await factory.ClientWithScopesAsync(null, "changes.read");
        using var other = await factory.ClientWithScopesAsync(null, "changes.read");
        var export = await ExportAsync(owner, new { format = "NDJSON", filter = new { agencyCode = Agency, positionLevel = "PENGAWAS" } }, key: "exports-test-1");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/exports/{export.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(export.GetProperty("file").GetString())).StatusCode);
        Assert.DoesNotContain((await (await other.GetAsync("/api/v1/exports")).JsonAsync()).GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == export.GetProperty("id").GetString());
        Assert.Contains((await (await owner.GetAsync("/api/v1/exports")).JsonAsync()).GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == export.GetProperty("id").GetString());

        // The same key and body: the same export; the same key, another body: 422.
        var replay = await ExportAsync(owner, new { format = "NDJSON", filter = new { agencyCode = Agency, positionLevel = "PENGAWAS" } }, key: "exports-test-1");
        Assert.Equal(export.GetProperty("id").GetString(), replay.GetProperty("id").GetString());
        using var reused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exports") { Content = JsonContent.Create(new { format = "CSV" }) };
        reused.Headers.Add("Idempotency-Key", "exports-test-1");
        await (await owner.SendAsync(reused)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        await (await owner.PostAsJsonAsync("/api/v1/exports", new { format = "XML" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.PostAsJsonAsync("/api/v1/exports", new { format = "CSV", filter = new { box = 10 } })).AssertProblemAsync(HttpStatusCode.BadRequest);
        using var agency = await factory.ClientWithScopesAsync(Agency, "profiles.read");
        await (await agency.PostAsJsonAsync("/api/v1/exports", new { format = "CSV" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
