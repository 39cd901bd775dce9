using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TalentHub.Api.Hosting;

/// <summary>
/// Request and response examples of the main operations, by operation id. redocly lint (OpenApiLintTests) checks each
/// against its schema.
/// </summary>
internal static class OpenApiExamples
{
    private const string Json = "application/json";
    private const string Problem = "application/problem+json";
    private const string RequestBody = "request";

    private const string SubmissionId = "0193a5f2-6c1e-7a3b-9d4e-2f8a1c3b5d71";
    private const string Nip = "198503152010012002";

    private const string Record = """
        {"nip":"198503152010012002","nik":"3578015503850002","name":"Siti Rahmawati","birthDate":"1985-03-15","birthPlace":"Surabaya","gender":"F","employmentType":"PNS","status":"ACTIVE","grade":"III/d","position":{"title":"Kepala Bidang Perencanaan Anggaran","level":"ADMINISTRATOR","unit":"Badan Keuangan Daerah","province":"35","since":"2019-01-02"},"assessments":[{"id":"AC-2023-0117","method":"ASSESSMENT_CENTER","scale":"JATIM-AC5","assessedAt":"2023-05-10","results":[{"competency":"INTEGRITAS","score":4},{"competency":"KERJASAMA","score":3}]}],"performance":[{"year":2024,"rating":"SANGAT_BAIK"}],"sourceUpdatedAt":"2025-01-10T08:00:00+07:00"}
        """;

    private const string ExportId = "0193a5f9-0b2c-7d4e-8f10-3a5b7c9d1e2f";

    private const string QueuedExport = $$"""
        {"id":"{{ExportId}}","format":"NDJSON","filter":{"agencyCode":null,"province":"35","positionLevel":null,"status":"ACTIVE","box":null},
         "status":"QUEUED","progress":{"done":0,"total":0},"rowCount":0,"byteSize":0,"sha256":null,"feedCursor":null,"unmasked":false,
         "requestedBy":"dev-bkn","createdAt":"2026-11-02T01:00:00+00:00","completedAt":null,"expiresAt":null,"error":null,"file":null}
        """;

    private const string CompletedExport = $$"""
        {"id":"{{ExportId}}","format":"NDJSON","filter":{"agencyCode":null,"province":"35","positionLevel":null,"status":"ACTIVE","box":null},
         "status":"COMPLETED","progress":{"done":48210,"total":48210},"rowCount":48210,"byteSize":31457280,
         "sha256":"9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c1b3d5f7e9a1c3b5d7f9e1a3c5b7d9f1e","feedCursor":"ZmVlZDoxMjM0NTY3OjQy","unmasked":false,
         "requestedBy":"dev-bkn","createdAt":"2026-11-02T01:00:00+00:00","completedAt":"2026-11-02T01:03:12+00:00","expiresAt":"2026-11-09T01:03:12+00:00",
         "error":null,"file":"/api/v1/exports/{{ExportId}}/file"}
        """;

    private static readonly Dictionary<string, (string Where, string MediaType, string Example)[]> ByOperation = new()
    {
        ["IssueToken"] =
        [
            (RequestBody, "application/x-www-form-urlencoded", """{"grant_type":"client_credentials","client_id":"dev-prov-35","client_secret":"s3cr3t-shown-once","scope":"submissions.write profiles.read"}"""),
            ("200", Json, """{"access_token":"eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0.eyJjbGllbnRfaWQiOiJkZXYtcHJvdi0zNSJ9.c2lnbmF0dXJl","token_type":"Bearer","expires_in":900,"scope":"profiles.read submissions.write"}"""),
            ("400", Json, """{"error":"invalid_scope","error_description":"The client may not hold one of the requested scopes."}"""),
            ("401", Json, """{"error":"invalid_client","error_description":"Unknown client, wrong secret, or disabled client."}"""),
        ],
        ["Submit"] =
        [
            (RequestBody, Json, $"[{Record}]"),
            (RequestBody, "application/x-ndjson", Record + "\n"),
            (RequestBody, "text/csv", "nip,nik,name,birthDate,gender,employmentType,status,grade,positionTitle,positionLevel,positionProvince,positionSince,a1.id,a1.method,a1.scale,a1.assessedAt,a1.r.INTEGRITAS,skp.2024\r\n"
                + "198503152010012002,3578015503850002,Siti Rahmawati,1985-03-15,F,PNS,ACTIVE,III/d,Kepala Bidang Perencanaan Anggaran,ADMINISTRATOR,35,2019-01-02,AC-2023-0117,ASSESSMENT_CENTER,JATIM-AC5,2023-05-10,4,SANGAT_BAIK\r\n"),
            ("202", Json, $$"""{"id":"{{SubmissionId}}","agencyCode":"PROV-35","status":"RECEIVED","format":"NDJSON","received":1,"accepted":0,"pendingMapping":0,"rejected":0,"progress":{"phase":"RECEIVED","done":0,"total":1},"receivedAt":"2026-11-02T02:15:04.318+00:00","completedAt":null,"failureReason":null}"""),
            ("422", Problem, """{"type":"https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21","title":"Unprocessable Content","status":422,"detail":"This Idempotency-Key was used for a different body; use a new key for a new submission.","instance":"/api/v1/submissions","traceId":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}"""),
        ],
        ["GetSubmission"] =
        [
            ("200", Json, $$"""{"id":"{{SubmissionId}}","agencyCode":"PROV-35","status":"COMPLETED_WITH_ERRORS","format":"NDJSON","received":15333,"accepted":15010,"pendingMapping":211,"rejected":112,"progress":{"phase":"COMPLETED","done":15333,"total":15333},"receivedAt":"2026-11-02T02:15:04.318+00:00","completedAt":"2026-11-02T02:15:16.902+00:00","failureReason":null}"""),
        ],
        ["ListSubmissionErrors"] =
        [
            ("200", Json, $$"""{"items":[{"recordIndex":41,"line":42,"nip":"198711022012031004","pointer":"/birthDate","code":"nip_birthdate_mismatch","message":"birthDate 1987-11-12 differs from the date in the NIP (1987-11-02)."},{"recordIndex":57,"line":58,"nip":"199001012015032001","pointer":"/assessments/0/results/1/score","code":"score_out_of_scale","message":"6 is outside scale JATIM-AC5 (1–5)."}],"nextCursor":"c3VibWlzc2lvbi1lcnJvcnM6NTc6MQ"}"""),
            ("200", "text/csv", "recordIndex,line,nip,pointer,code,message\r\n41,42,198711022012031004,/birthDate,nip_birthdate_mismatch,birthDate 1987-11-12 differs from the date in the NIP (1987-11-02).\r\n"),
        ],
        ["GetProfile"] =
        [
            ("200", Json, $$"""
                {"nip":"{{Nip}}","identity":{"name":"Siti Rahmawati","nik":"3578********0002","birthPlace":null,"birthDate":"1985-03-15","gender":"F"},
                 "status":"ACTIVE","employmentType":"PNS","grade":"III/d","employingAgency":"PROV-35",
                 "currentPosition":{"agencyCode":"PROV-35","title":"Kepala Bidang Perencanaan Anggaran","level":"ADMINISTRATOR","unit":"Badan Keuangan Daerah","jobFamily":null,"province":"35","from":"2019-01-02","to":null,"current":true},
                 "positionHistory":[],"reportedBy":[{"agencyCode":"PROV-35","status":"ACTIVE"}],
                 "assessments":[{"agencyCode":"PROV-35","id":"AC-2023-0117","method":"ASSESSMENT_CENTER","scale":"JATIM-AC5","assessedAt":"2023-05-10","assessor":null,"usedForTalentDecisions":true,"stale":false,
                   "results":[{"competency":"M1","score":4,"level":4},{"competency":"M3","score":3,"level":3}],"potential":null}],
                 "competencies":[{"code":"M1","level":4,"score":4,"method":"ASSESSMENT_CENTER","assessedAt":"2023-05-10","assessmentId":"AC-2023-0117","agencyCode":"PROV-35","stale":false}],
                 "otherResults":[],"potential":{"class":null,"basis":null,"explicit":null},"jpm":null,
                 "performance":{"years":[{"year":2024,"predikat":"SANGAT_BAIK","class":"DI_ATAS","agencyCode":"PROV-35"}],"basedOnYears":[2024],"class":"DI_ATAS"},
                 "nineBox":{"placeable":false,"box":null,"unplacedReasons":["INSUFFICIENT_JPM"]},
                 "conflicts":[],"previousNips":[],
                 "dataQuality":{"incomplete":true,"insufficient":false,"stale":false,"hasOpenConflicts":false,"noPerformance":false},
                 "version":3,
                 "provenance":{"name":{"agencyCode":"PROV-35","submissionId":"{{SubmissionId}}","recordIndex":0,"receivedAt":"2026-11-02T02:15:04.318+00:00","rule":"LATEST"} } }
                """),
        ],
        ["GetChanges"] =
        [
            ("200", Json, $$"""{"items":[{"cursor":"ZmVlZDoxMjM0NTY3OjQx","nip":"{{Nip}}","version":3,"kind":"UPDATED","changedAt":"2026-11-02T02:15:15.120+00:00"},{"cursor":"ZmVlZDoxMjM0NTY3OjQy","nip":"198711022012031004","version":1,"kind":"CREATED","changedAt":"2026-11-02T02:15:15.120+00:00"}],"nextCursor":"ZmVlZDoxMjM0NTY3OjQy"}"""),
        ],
        ["CreateExport"] =
        [
            (RequestBody, Json, """{"format":"NDJSON","filter":{"agencyCode":null,"province":"35","positionLevel":null,"status":"ACTIVE","box":null}}"""),
            ("202", Json, QueuedExport),
        ],
        ["GetExport"] = [("200", Json, CompletedExport)],
    };

    public static void Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (operation.OperationId is not { } id || !ByOperation.TryGetValue(id, out var examples))
        {
            return;
        }

        foreach (var (where, mediaType, example) in examples)
        {
            IOpenApiResponse? response = null;
            var content = where == RequestBody ? operation.RequestBody?.Content : operation.Responses?.TryGetValue(where, out response) == true ? response.Content : null;
            OpenApiMediaType? media = null;
            if (content?.TryGetValue(mediaType, out media) != true || media is null)
            {
                throw new InvalidOperationException($"OpenApiExamples: {id} has no {where} in {mediaType} (from {context.Description.RelativePath}).");
            }

            media.Example = mediaType is Json or Problem || (mediaType.StartsWith("application/x-www-form", StringComparison.Ordinal))
                ? JsonNode.Parse(example)
                : JsonValue.Create(example);
        }
    }
}
