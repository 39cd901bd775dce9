namespace TalentHub.Api.Hosting;

/// <summary>
/// <c>--role api</c> serves HTTP only, <c>--role worker</c> runs background jobs only (plus health endpoints),
/// <c>--role all</c> (the default) does both; workers scale out on other machines against the same database.
/// </summary>
public enum HostRole
{
    All,
    Api,
    Worker,
}

public static class HostRoles
{
    public static HostRole From(IConfiguration configuration) => configuration["role"]?.ToLowerInvariant() switch
    {
        null or "" or "all" => HostRole.All,
        "api" => HostRole.Api,
        "worker" => HostRole.Worker,
        var other => throw new InvalidOperationException($"Unknown --role '{other}': use api, worker or all."),
    };

    public static bool ServesApi(this HostRole role) => role != HostRole.Worker;

    public static bool RunsJobs(this HostRole role) => role != HostRole.Api;
}
