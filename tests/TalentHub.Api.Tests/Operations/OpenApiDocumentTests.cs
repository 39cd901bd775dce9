using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Domain.Access;
using TalentHub.Domain.Records;

namespace TalentHub.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(TalentHubFactory factory)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// The committed contract (openapi/talenthub.v1.json) must be what the service serves. After an intended API change,
    /// regenerate it with <c>TALENTHUB_UPDATE_OPENAPI=1 deploy/local/test.sh --filter OpenApiDocumentTests</c>.
    /// </summary>
    [Fact]
    public async Task The_committed_openapi_document_is_the_one_the_service_serves()
    {
        using var client = factory.CreateClient();
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var servedText = served.ToJsonString(Indented) + "\n";

        if (Environment.GetEnvironmentVariable("TALENTHUB_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(Path.Combine(OpenApiLintTests.RepositoryRoot(), "openapi", "talenthub.v1.json"), servedText);
        }

        var committed = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "talenthub.v1.json"));
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(committed), served),
            "openapi/talenthub.v1.json differs from /openapi/v1.json: regenerate it (TALENTHUB_UPDATE_OPENAPI=1) and review the diff.");
    }

    [Fact]
    public async Task Every_operation_documents_a_success_schema_and_its_errors_as_problem_details()
    {
        var document = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            var success = responses.Where(r => r.Key.StartsWith('2') && r.Key != "204").ToList();
            Assert.True(success.Count > 0 || responses.ContainsKey("204"), $"{method} {path} documents no 2xx response");
            foreach (var (status, response) in success)
            {
                Assert.True(response!["content"] is JsonObject { Count: > 0 } content && content.All(c => c.Value!["schema"] is not null), $"{method} {path} {status} has no schema");
            }

            var isToken = path == "/connect/token";
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var mediaTypes = response!["content"]!.AsObject().Select(c => c.Key).ToList();
                // The token endpoint answers its own refusals in RFC 6749's shape (400, 401).
                var expected = isToken && status is "400" or "401" ? "application/json" : "application/problem+json";
                Assert.True(mediaTypes.SequenceEqual([expected]), $"{method} {path} {status} is {string.Join(", ", mediaTypes)}, not {expected}");
            }

            string[] general = isToken ? ["429", "503"] : ["401", "403", "429", "503"];
            Assert.All(general, status => Assert.True(responses.ContainsKey(status), $"{method} {path} does not document {status}"));
        }
    }

    [Fact]
    public async Task Protected_operations_accept_a_pasted_bearer_token_or_the_oauth2_scheme_with_their_scope()
    {
        var document = await DocumentAsync();
        var oauth = document["components"]!["securitySchemes"]!["OAuth2"]!;
        Assert.Equal("oauth2", oauth["type"]!.GetValue<string>());
        var flow = oauth["flows"]!["clientCredentials"]!;
        Assert.Equal("/connect/token", flow["tokenUrl"]!.GetValue<string>());
        Assert.Equal(Scopes.All, flow["scopes"]!.AsObject().Select(s => s.Key));
        Assert.All(flow["scopes"]!.AsObject(), s => Assert.False(string.IsNullOrWhiteSpace(s.Value!.GetValue<string>())));

        var token = document["paths"]!["/connect/token"]!["post"]!;
        Assert.Empty(token["security"]!.AsArray());

        var submit = document["paths"]!["/api/v1/submissions"]!["post"]!["security"]!.ToJsonString();
        Assert.Equal("""[{"Bearer":[]},{"OAuth2":["submissions.write"]}]""", submit);
        var scales = document["paths"]!["/api/v1/agencies/{agencyCode}/scales"]!["get"]!["security"]!.ToJsonString();
        Assert.Equal("""[{"Bearer":[]},{"OAuth2":["mappings.write"]},{"OAuth2":["profiles.read"]}]""", scales);
        var standard = document["paths"]!["/api/v1/standard"]!["get"]!["security"]!.ToJsonString();
        Assert.Equal("""[{"Bearer":[]},{"OAuth2":[]}]""", standard);
    }

    [Fact]
    public async Task The_record_error_codes_are_an_enum_with_a_rule_each_and_record_errors_reference_it()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;
        var codes = typeof(RecordErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal)
            .ToList();

        var schema = schemas["RecordErrorCode"]!;
        Assert.Equal(codes, schema["enum"]!.AsArray().Select(c => c!.GetValue<string>()).Order(StringComparer.Ordinal));
        var descriptions = schema["x-enumDescriptions"]!.AsObject();
        Assert.All(codes, code => Assert.False(string.IsNullOrWhiteSpace(descriptions[code]?.GetValue<string>()), $"{code} has no description"));
        Assert.All(codes, code => Assert.Contains($"`{code}`", schema["description"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("#/components/schemas/RecordErrorCode", schemas["RecordErrorResponse"]!["properties"]!["code"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_operation_is_named_summarized_and_protected_operations_name_the_bearer_scheme()
    {
        var document = await DocumentAsync();

        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        var operations = Operations(document);
        Assert.NotEmpty(operations);
        foreach (var (path, method, operation) in operations)
        {
            Assert.False(string.IsNullOrEmpty(operation["operationId"]?.GetValue<string>()), $"{method} {path} has no operationId");
            Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
            var isAnonymous = path is "/connect/token" or "/health/live" or "/health/ready";
            Assert.Equal(!isAnonymous, operation["security"] is JsonArray { Count: > 0 });
        }
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
    }

    private static List<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Path: path.Key, Method: op.Key, Operation: op.Value!)))
            .ToList();
}
