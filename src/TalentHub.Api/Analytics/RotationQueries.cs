using System.Text.Json;
using Dapper;
using TalentHub.Api.ReadRouting;
using TalentHub.Api.Http;
using TalentHub.Domain.Analytics;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Records;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Reconciliation;

namespace TalentHub.Api.Analytics;

/// <summary>
/// JPT rotation (01-standard.md): DUE and ELIGIBLE holders on the evaluation date, each with the best-fitting
/// destinations in other agencies (open JPT vacancies and DUE holders' positions).
/// </summary>
public sealed class RotationQueries(ReadRoute reads, StandardStore standards)
{
    public const string ListName = "rotation-candidates";

    private const string HoldersSql =
        """
        SELECT nip, name, employing_agency AS agency, work_province AS province, position_level AS level, box, jpm_category AS category,
               performance_class AS performance, position_since AS since, analytics::text AS analytics
        FROM profiles
        WHERE merged_into IS NULL AND status = @active AND position_level = ANY(@jpt)
          AND employing_agency IS NOT NULL AND position_since IS NOT NULL
        """;

    private const string VacanciesSql =
        """
        SELECT id, agency_code AS agencycode, province_code AS provincecode, position_level AS level, required_technical::text AS requiredtechnical, title, unit
        FROM vacancies
        WHERE closed_at IS NULL AND position_level = ANY(@jpt)
        """;

    private const string PositionsSql =
        """
        SELECT nip, content::jsonb #>> '{currentPosition,title}' AS title, content::jsonb #>> '{currentPosition,unit}' AS unit
        FROM profiles WHERE nip = ANY(@nips)
        """;

    private static readonly string[] JptLevels = [.. Enum.GetValues<PositionLevel>().Where(JptRotation.IsJpt).Select(UpperSnakeCase.Of)];

    /// <summary>Candidates after the NIP <paramref name="after"/> in NIP order; another agency's DUE holder is named to national clients only.</summary>
    public async Task<RotationResponse> ReadAsync(
        string? level, PositionLevel? levelFilter, string? agencyCode, bool national, DateOnly evaluationDate, int destinationLimit, string? after, int limit,
        CancellationToken cancellationToken)
    {
        var standard = await standards.LoadAsync(cancellationToken);
        await using var connection = await reads.DataSource.OpenConnectionAsync(cancellationToken);
        var holders = (await connection.QueryAsync<HolderRow>(new CommandDefinition(
                HoldersSql, new { active = PersonStatuses.Active, jpt = JptLevels }, cancellationToken: cancellationToken)))
            .Select(h => h.ToHolder())
            .ToList();
        var statuses = holders.ToDictionary(
            h => h.Nip, h => JptRotation.StatusOf(true, h.Level, h.Since, h.Performance, h.Category, evaluationDate), StringComparer.Ordinal);
        var destinations = holders
            .Where(h => statuses[h.Nip] == RotationStatus.Due)
            .Select(h => new Destination(DestinationKind.DueHolderPosition, h.Nip, h.Agency, h.Province, h.Level, new Dictionary<string, int>()))
            .ToList();
        var vacancies = (await connection.QueryAsync<VacancyRow>(new CommandDefinition(VacanciesSql, new { jpt = JptLevels }, cancellationToken: cancellationToken)))
            .ToDictionary(v => v.Id.ToString(), StringComparer.Ordinal);
        destinations.AddRange(vacancies.Values.Select(v => v.ToDestination()));

        var candidates = holders
            .Where(h => statuses[h.Nip] is not null
                && (agencyCode is null || h.Agency == agencyCode)
                && (levelFilter is null || h.Level == levelFilter)
                && (after is null || string.CompareOrdinal(h.Nip, after) > 0))
            .OrderBy(h => h.Nip, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var shown = candidates.Take(limit)
            .Select(h => (Holder: h, Ranked: JptRotation.RankDestinations(h.Agency, h.Province, h.Level, h.Levels, destinations, destinationLimit)))
            .ToList();
        // Titles come from the profiles' content: read only for the DUE positions this page shows.
        string[] dueNips = [.. shown.SelectMany(c => c.Ranked).Where(r => r.Destination.Kind == DestinationKind.DueHolderPosition).Select(r => r.Destination.Id).Distinct()];
        var positions = dueNips.Length == 0
            ? new Dictionary<string, PositionRow>(StringComparer.Ordinal)
            : (await connection.QueryAsync<PositionRow>(new CommandDefinition(PositionsSql, new { nips = dueNips }, cancellationToken: cancellationToken)))
                .ToDictionary(p => p.Nip, StringComparer.Ordinal);
        var items = shown.Select(c =>
        {
            var h = c.Holder;
            var required = standard.StandardLevels.GetValueOrDefault(h.Level) ?? new Dictionary<string, int>();
            var jpm = Jpm.Compute(h.Levels.ToDictionary(l => l.Key, l => (int?)l.Value), required, standard.OptimalThreshold, standard.CukupOptimalThreshold);
            return new RotationCandidateResponse(
                h.Nip, h.Name, h.Agency, h.Province, UpperSnakeCase.Of(h.Level), UpperSnakeCase.Of(statuses[h.Nip]!.Value), h.Since,
                Tenure.CompletedYears(h.Since, evaluationDate), Tenure.Days(h.Since, evaluationDate), h.Box,
                h.Performance is { } p ? UpperSnakeCase.Of(p) : null, GapsResponse.Of(jpm),
                [.. c.Ranked.Select(r => ToDestination(r, positions, vacancies, national))]);
        }).ToList();
        var next = candidates.Count > limit ? PageRequest.Encode(ListName, [candidates[limit - 1].Nip]) : null;
        return new RotationResponse(evaluationDate, level, agencyCode, items, next);
    }

    private static DestinationResponse ToDestination(
        RankedDestination ranked, Dictionary<string, PositionRow> positions, Dictionary<string, VacancyRow> vacancies, bool national)
    {
        var d = ranked.Destination;
        if (d.Kind == DestinationKind.Vacancy)
        {
            var vacancy = vacancies[d.Id];
            return new DestinationResponse(
                "VACANCY", vacancy.Id, null, d.AgencyCode, d.Province, UpperSnakeCase.Of(d.Level), vacancy.Title, vacancy.Unit,
                ranked.FitShare, ranked.RequiredMet, ranked.RequiredCount, ranked.DifferentProvince);
        }

        // Another agency's DUE holder is named to national clients only; an agency client sees the position, not the person.
        var position = positions.GetValueOrDefault(d.Id);
        return new DestinationResponse(
            "DUE_HOLDER_POSITION", null, national ? d.Id : null, d.AgencyCode, d.Province, UpperSnakeCase.Of(d.Level), position?.Title, position?.Unit,
            ranked.FitShare, ranked.RequiredMet, ranked.RequiredCount, ranked.DifferentProvince);
    }

    private sealed record JptHolder(
        string Nip, string Name, string Agency, string? Province, PositionLevel Level, int? Box, JpmCategory? Category, PerformanceClass? Performance,
        DateOnly Since, IReadOnlyDictionary<string, int> Levels);

    /// <summary>Mapped by property: Dapper then converts the date column to <see cref="DateOnly"/> whichever type the driver reads it as.</summary>
    private sealed class HolderRow
    {
        public string Nip { get; init; } = "";
        public string Name { get; init; } = "";
        public string Agency { get; init; } = "";
        public string? Province { get; init; }
        public string Level { get; init; } = "";
        public int? Box { get; init; }
        public string? Category { get; init; }
        public int? Performance { get; init; }
        public DateOnly Since { get; init; }
        public string? Analytics { get; init; }

        public JptHolder ToHolder()
        {
            UpperSnakeCase.TryParse<PositionLevel>(Level, out var level);
            JpmCategory? category = UpperSnakeCase.TryParse<JpmCategory>(Category, out var c) ? c : null;
            var (levels, _) = AnalyticsFactsJson.Read(Analytics);
            return new JptHolder(Nip, Name, Agency, Province, level, Box, category, (PerformanceClass?)Performance, Since, levels);
        }
    }

    private sealed record VacancyRow(Guid Id, string AgencyCode, string ProvinceCode, string Level, string RequiredTechnical, string Title, string? Unit)
    {
        public Destination ToDestination()
        {
            UpperSnakeCase.TryParse<PositionLevel>(Level, out var level);
            var required = JsonSerializer.Deserialize<Dictionary<string, int>>(RequiredTechnical) ?? [];
            return new Destination(DestinationKind.Vacancy, Id.ToString(), AgencyCode, ProvinceCode, level, required);
        }
    }

    private sealed record PositionRow(string Nip, string? Title, string? Unit);
}
