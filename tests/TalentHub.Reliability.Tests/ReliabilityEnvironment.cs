using TalentHub.Reliability.Tests.Harness;

namespace TalentHub.Reliability.Tests;

/// <summary>
/// Shared by every test of the suite, which run one after another: the PostgreSQL server they may crash, the dataset,
/// and the uninterrupted run every broken run is compared with (made once, on first use).
/// </summary>
public sealed class ReliabilityEnvironment : IAsyncLifetime
{
    private readonly SemaphoreSlim _baselineGate = new(1, 1);
    private Baseline? _baseline;

    public PostgresCluster Cluster { get; private set; } = null!;

    public TalentDataset Dataset { get; private set; } = null!;

    public sealed record Baseline(IndexState State, IReadOnlyList<string> ExportDigests);

    public async Task InitializeAsync()
    {
        Cluster = await PostgresCluster.StartAsync();
        Dataset = TalentDataset.Generate();
    }

    public async Task<Baseline> BaselineAsync()
    {
        await _baselineGate.WaitAsync();
        try
        {
            if (_baseline is null)
            {
                await using var installation = await Installation.CreateAsync(Cluster, "baseline");
                var workload = new Workload(installation, Dataset);
                await workload.RunAsync();
                _baseline = new Baseline(await IndexState.ReadAsync(installation.ConnectionString), workload.ExportDigests);
            }

            return _baseline;
        }
        finally
        {
            _baselineGate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        Dataset?.Dispose();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ReliabilityEnvironment>
{
    public const string Name = "reliability";
}
