using System.Text.Json;
using System.Text.Json.Nodes;
using TalentHub.Api.Tests.Infrastructure;

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
            await File.WriteAllTextAsync(Path.Combine(RepositoryRoot(), "openapi", "talenthub.v1.json"), servedText);
        }

        var committed = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "talenthub.v1.json"));
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(committed), served),
            "openapi/talenthub.v1.json differs from /openapi/v1.json: regenerate it (TALENTHUB_UPDATE_OPENAPI=1) and review the diff.");
    }

    [Fact]
    public async Task Every_operation_is_named_summarized_and_protected_operations_name_the_bearer_scheme()
    {
        using var client = factory.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Path: path.Key, Method: op.Key, Operation: op.Value!)))
            .ToList();
        Assert.NotEmpty(operations);
        foreach (var (path, method, operation) in operations)
        {
            Assert.False(string.IsNullOrEmpty(operation["operationId"]?.GetValue<string>()), $"{method} {path} has no operationId");
            Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
            var isAnonymous = path is "/connect/token" or "/health/live" or "/health/ready";
            Assert.Equal(!isAnonymous, operation["security"] is JsonArray { Count: > 0 });
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TalentHub.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TalentHub.sln not found above the test output.");
    }
}
