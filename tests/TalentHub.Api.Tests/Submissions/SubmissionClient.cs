using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Submissions;

/// <summary>Posting submissions and waiting for their jobs, as an agency HR system would.</summary>
public static class SubmissionClient
{
    private static readonly string[] FinalStatuses = ["COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"];

    /// <summary>A valid record (the example of docs/domain/records.md#fields), with its NIP's sequence varied per person.</summary>
    public static JsonObject ValidRecord(int sequence = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        return JsonNode.Parse($$"""
        {
          "nip": "198503152010012{{sequence:D3}}",
          "nik": "3578015503850002",
          "name": "Siti Rahmawati",
          "birthDate": "1985-03-15",
          "birthPlace": "Surabaya",
          "gender": "F",
          "employmentType": "PNS",
          "status": "ACTIVE",
          "grade": "III/d",
          "position": { "title": "Kepala Bidang Perencanaan Anggaran", "level": "ADMINISTRATOR", "unit": "Badan Keuangan Daerah", "jobFamily": "KEU", "province": "35", "since": "2019-01-02" },
          "positionHistory": [
            { "title": "Kepala Seksi Anggaran", "level": "PENGAWAS", "unit": "Badan Keuangan Daerah", "from": "2014-07-01", "to": "2019-01-01" },
            { "title": "Analis Anggaran", "level": "PELAKSANA", "unit": "Biro Keuangan", "agencyCode": "PROV-35", "from": "2010-01-01", "to": "2014-06-30" }
          ],
          "assessments": [
            { "id": "AC-2023-0117", "method": "ASSESSMENT_CENTER", "scale": "JATIM-AC5", "assessedAt": "2023-05-10", "assessor": "UPT Penilaian Kompetensi",
              "results": [ { "competency": "INTEGRITAS", "score": 4 }, { "competency": "KERJASAMA", "score": 3 }, { "competency": "ANGGARAN", "score": "B", "scale": "JATIM-HURUF" } ],
              "potential": { "score": 78, "scale": "JATIM-POTENSI-100" } }
          ],
          "performance": [ { "year": 2024, "rating": "SANGAT_BAIK" }, { "year": 2023, "hasilKerja": "DI_ATAS", "perilaku": "SESUAI" }, { "year": 2021, "score": 88.4 } ],
          "previousNips": [],
          "sourceUpdatedAt": "2025-01-10T08:00:00+07:00"
        }
        """)!.AsObject();
    }

    /// <summary>Registers (idempotently) the scales and the dictionary entry that <see cref="ValidRecord"/> needs to be ACCEPTED.</summary>
    public static async Task RegisterValidRecordMappingsAsync(TalentHubFactory factory, string agencyCode)
    {
        using var admin = await factory.AdminClientAsync();
        (await admin.PutAsJsonAsync($"/api/v1/agencies/{agencyCode}/scales/JATIM-AC5", new { kind = "LINEAR", min = 1, max = 5 })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/agencies/{agencyCode}/scales/JATIM-HURUF", new { kind = "LABELS", labels = new { A = 5, B = 4, C = 3, D = 2, E = 1 } })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/agencies/{agencyCode}/scales/JATIM-POTENSI-100", new { kind = "LINEAR", min = 0, max = 100 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/agencies/{agencyCode}/dictionary/entries", new { agencyCompetency = "ANGGARAN", nationalCode = "T.KEU.01" })).EnsureSuccessStatusCode();
    }

    public static string Ndjson(IEnumerable<JsonNode> records) => string.Join('\n', records.Select(r => r.ToJsonString())) + "\n";

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string contentType = "application/x-ndjson", string? key = null, bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return await PostBytesAsync(client, bytes, contentType, key, gzip);
    }

    public static async Task<HttpResponseMessage> PostBytesAsync(HttpClient client, byte[] bytes, string contentType, string? key = null, bool gzip = false)
    {
        if (gzip)
        {
            using var compressed = new MemoryStream();
            await using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await zip.WriteAsync(bytes);
            }

            bytes = compressed.ToArray();
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = content };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    /// <summary>Polls the submission's status resource until its job has finished.</summary>
    public static async Task<JsonElement> WaitForCompletionAsync(HttpClient client, Uri location, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var status = await (await client.GetAsync(location)).JsonAsync();
            if (FinalStatuses.Contains(status.GetProperty("status").GetString()))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Submission {location} did not finish: {status}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<JsonElement> SubmitAndWaitAsync(HttpClient client, string body, string contentType = "application/x-ndjson")
    {
        using var response = await PostAsync(client, body, contentType);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await WaitForCompletionAsync(client, response.Headers.Location!);
    }

    public static async Task<List<JsonElement>> AllErrorsAsync(HttpClient client, string submissionId)
    {
        var errors = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"/api/v1/submissions/{submissionId}/errors?limit=1000" + (cursor is null ? "" : "&cursor=" + cursor))).JsonAsync();
            errors.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return errors;
    }
}
