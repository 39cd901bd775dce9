using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Conventions;

/// <summary>The real server (Kestrel) on a database of its own, for requests no HTTP client library would send.</summary>
public sealed class KestrelFactory : TalentHubFactory
{
    public KestrelFactory() => UseKestrel(0);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "api" };

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

/// <summary>Refusals by the web server itself (issue 15, finding 7): problem details wherever the pipeline gets a chance.</summary>
public sealed class KestrelEdgeTests(KestrelFactory factory) : IClassFixture<KestrelFactory>
{
    [Fact]
    public async Task An_idempotency_key_that_is_not_utf8_reaches_the_endpoint_and_is_a_400_problem_naming_it()
    {
        var token = await AgencyTokenAsync();

        var response = await SendRawAsync(
            [.. Ascii($"POST /api/v1/submissions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 3\r\nIdempotency-Key: cl"), 0xE9, .. Ascii("\r\nConnection: close\r\n\r\n{}\n")]);

        var problem = AssertProblem(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), response.Body);
    }

    [Fact]
    public async Task A_non_ascii_idempotency_key_is_a_400_problem_naming_it()
    {
        var token = await AgencyTokenAsync();

        var response = await SendRawAsync(
            [.. Ascii($"POST /api/v1/submissions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 3\r\nIdempotency-Key: "), .. "ключ"u8, .. Ascii("\r\nConnection: close\r\n\r\n{}\n")]);

        var problem = AssertProblem(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), response.Body);
    }

    [Fact]
    public async Task A_control_character_in_the_path_is_a_400_problem()
    {
        var token = await AgencyTokenAsync();

        var response = await SendRawAsync(Ascii($"GET /api/v1/agencies/%1B HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"));

        AssertProblem(response, 400);
    }

    /// <summary>
    /// ASP.NET Core's path decoder refuses %00 before any middleware runs: Kestrel answers 400 itself, without a body
    /// the application could shape. It must stay a 400, never reach routing, never a 5xx.
    /// </summary>
    [Fact]
    public async Task A_nul_in_the_path_is_refused_by_the_server_with_400()
    {
        var response = await SendRawAsync(Ascii("GET /api/v1/agencies/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));

        Assert.Equal(400, response.Status);
    }

    private async Task<string> AgencyTokenAsync()
    {
        var (id, secret) = await factory.CreateApiClientAsync("PROV-35", "submissions.write", "profiles.read");
        return await factory.TokenAsync(id, secret);
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private sealed record RawResponse(int Status, string Head, string Body);

    private async Task<RawResponse> SendRawAsync(byte[] request)
    {
        var address = factory.Address;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(request);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received).WaitAsync(TimeSpan.FromSeconds(30));
        var bytes = received.ToArray();
        var split = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.ASCII.GetString(split < 0 ? bytes : bytes[..split]);
        var body = split < 0 ? [] : bytes[(split + 4)..];
        return new RawResponse(int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), head, Encoding.UTF8.GetString(Unchunk(head, body)));
    }

    private static byte[] Unchunk(string head, byte[] body)
    {
        if (!head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }

        using var content = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = position + body.AsSpan(position).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body[position..lineEnd]), 16);
            if (size == 0)
            {
                return content.ToArray();
            }

            content.Write(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }

    private static JsonElement AssertProblem(RawResponse response, int status)
    {
        Assert.True(response.Status == status, response.Head + "\n\n" + response.Body);
        Assert.Contains("Content-Type: application/problem+json", response.Head, StringComparison.OrdinalIgnoreCase);
        var problem = JsonSerializer.Deserialize<JsonElement>(response.Body);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
