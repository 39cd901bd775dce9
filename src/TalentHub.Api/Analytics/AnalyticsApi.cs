using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Api.ReadRouting;
using TalentHub.Domain.Access;
using TalentHub.Domain.Analytics;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Standard;
using TalentHub.Domain.Time;
using TalentHub.Infrastructure.Reconciliation;

namespace TalentHub.Api.Analytics;

/// <summary>
/// Talent analytics (docs/domain/analytics.md). Every figure reads stored derived values: the counts the
/// profile triggers keep (9-box, competency levels) and the profiles' analytics columns, never observations. An agency
/// client sees its own agency (asking for another is 403); a national client sees every agency and the national figures.
/// </summary>
public static class AnalyticsApi
{
    private const string PoolListName = "succession-pool";
    private const string RotationListName = "rotation-candidates";
    private const string DataQualityListName = "data-quality";
    private const int MaxDestinations = 50;
    private const int DefaultDestinations = 10;

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/analytics").WithTags("Analytics").RequireScope(Scopes.AnalyticsRead).ReadsFromReplica();
        api.MapGet("/nine-box", GetNineBox).WithName("GetNineBox").WithSummary("ACTIVE people per 9-box box and UNPLACED by reason, with the regulation's recommendation");
        api.MapGet("/succession-pools", GetSuccessionPool).WithName("GetSuccessionPool").WithSummary("The ranked succession pool (KRS) of a target position level");
        api.MapGet("/rotation-candidates", GetRotationCandidates).WithName("GetRotationCandidates").WithSummary("DUE and ELIGIBLE JPT holders with their best-fitting destinations in other agencies");
        api.MapGet("/competency-map", GetCompetencyMap).WithName("GetCompetencyMap").WithSummary("Current competency levels per group, and the national ranking weakest first");
        api.MapGet("/data-quality", GetDataQuality).WithName("GetDataQuality").WithSummary("Per-agency data-quality scorecards with calibration flags");
        return app;
    }

    public sealed record NineBoxCell(int Box, long People, string Recommendation, string Members);

    public sealed record UnplacedCell(long People, IReadOnlyDictionary<string, long> ByReason, string Members);

    public sealed record NineBoxResponse(string? AgencyCode, string? PositionLevel, string? Province, long ActivePeople, IReadOnlyList<NineBoxCell> Boxes, UnplacedCell Unplaced);

    public static async Task<Results<Ok<NineBoxResponse>, ValidationProblem, ProblemHttpResult>> GetNineBox(
        ClaimsPrincipal user, ReadRoute reads, string? agencyCode, string? positionLevel, string? province, CancellationToken cancellationToken)
    {
        var dataSource = reads.DataSource;
        if (Scope(user, agencyCode) is not { } scope)
        {
            return OtherAgency();
        }

        if (positionLevel is not null && !UpperSnakeCase.TryParse<PositionLevel>(positionLevel, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["positionLevel"] = ["positionLevel must be one of the standard's position levels."] });
        }

        await using var command = dataSource.CreateCommand(
            """
            SELECT box, unplaced, sum(people)::bigint FROM nine_box_counts
            WHERE (@agency::text IS NULL OR agency_code = @agency) AND (@level::text IS NULL OR position_level = @level)
              AND (@province::text IS NULL OR province_code = @province)
            GROUP BY box, unplaced HAVING sum(people) <> 0
            """);
        command.Parameters.Add(new NpgsqlParameter("agency", NpgsqlDbType.Text) { Value = (object?)scope.AgencyCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("level", NpgsqlDbType.Text) { Value = (object?)positionLevel ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("province", NpgsqlDbType.Text) { Value = (object?)province ?? DBNull.Value });
        var perBox = new long[10];
        var byReason = new SortedDictionary<string, long>(StringComparer.Ordinal) { [NineBox.InsufficientJpm] = 0, [NineBox.NoPerformance] = 0 };
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var people = reader.GetInt64(2);
                perBox[reader.GetInt32(0)] += people;
                if (reader.GetInt32(0) == 0)
                {
                    foreach (var reason in reader.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        byReason[reason] = byReason.GetValueOrDefault(reason) + people;
                    }
                }
            }
        }

        var filter = MembersFilter(scope.AgencyCode, positionLevel, province);
        var boxes = Enumerable.Range(1, 9)
            .Select(box => new NineBoxCell(box, perBox[box], NineBoxGuidance.RecommendationOf(box), $"/api/v1/profiles?status=ACTIVE&box={box}{filter}"))
            .ToList();
        return TypedResults.Ok(new NineBoxResponse(
            scope.AgencyCode, positionLevel, province, perBox.Sum(), boxes,
            new UnplacedCell(perBox[0], byReason, $"/api/v1/profiles?status=ACTIVE&unplaced=true{filter}")));
    }

    public sealed record GapsResponse(decimal Value, string Category, IReadOnlyDictionary<string, int> Gaps, int GapCount, bool Incomplete);

    public sealed record PoolMemberResponse(
        int Rank, string Nip, string Name, string? AgencyCode, string? WorkProvince, string PositionLevel, int Box, DateOnly LevelSince, int YearsAtLevel,
        string PredikatLastYear, GapsResponse JpmAgainstTarget);

    public sealed record PoolResponse(string TargetLevel, DateOnly EvaluationDate, IReadOnlyList<string> FeederLevels, string? AgencyCode, IReadOnlyList<PoolMemberResponse> Items, string? NextCursor);

    public static async Task<Results<Ok<PoolResponse>, ValidationProblem, ProblemHttpResult>> GetSuccessionPool(
        ClaimsPrincipal user, ReadRoute reads, StandardStore standards, TimeProvider clock,
        string? targetLevel, string? agencyCode, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var dataSource = reads.DataSource;
        if (Scope(user, agencyCode) is not { } scope)
        {
            return OtherAgency();
        }

        PageRequest.TryParse(PoolListName, limit, cursor, out var page, out var errors);
        PositionLevel target = default;
        if (targetLevel is null || !UpperSnakeCase.TryParse(targetLevel, out target))
        {
            errors["targetLevel"] = ["targetLevel is required: one of the standard's position levels."];
        }

        PoolRankKey? after = null;
        if (page.After is [var box, var jpm, var predikat, var afterNip]
            && int.TryParse(box, NumberStyles.None, CultureInfo.InvariantCulture, out var afterBox)
            && decimal.TryParse(jpm, NumberStyles.Number, CultureInfo.InvariantCulture, out var afterJpm)
            && int.TryParse(predikat, NumberStyles.None, CultureInfo.InvariantCulture, out var afterPredikat)
            && Enum.IsDefined((Predikat)afterPredikat))
        {
            after = new PoolRankKey(afterBox, afterJpm, (Predikat)afterPredikat, afterNip);
        }
        else if (page.After is not null)
        {
            errors["cursor"] = ["The cursor is not one this list issued."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var standard = await standards.LoadAsync(cancellationToken);
        var feeders = await FeedersAsync(dataSource, target, cancellationToken);
        var today = JakartaCalendar.DateOf(clock.GetUtcNow());
        var rows = new Dictionary<string, (string Name, string? Agency, string? Province)>(StringComparer.Ordinal);
        var candidates = new List<PoolCandidate>();
        await using (var command = dataSource.CreateCommand(
            """
            SELECT nip, name, employing_agency, work_province, position_level, box, level_since, analytics::text FROM profiles
            WHERE merged_into IS NULL AND status = 'ACTIVE' AND box IN (7, 8, 9) AND position_level = ANY(@feeders)
              AND (@agency::text IS NULL OR employing_agency = @agency)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter("feeders", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = feeders.Select(UpperSnakeCase.Of).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("agency", NpgsqlDbType.Text) { Value = (object?)scope.AgencyCode ?? DBNull.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var nip = reader.GetString(0);
                rows[nip] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
                var (levels, predikatByYear) = AnalyticsFactsJson.Read(reader.IsDBNull(7) ? null : reader.GetString(7));
                candidates.Add(new PoolCandidate(
                    nip, true, UpperSnakeCase.TryParse<PositionLevel>(reader.GetString(4), out var level) ? level : null, reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6), predikatByYear, levels));
            }
        }

        var required = standard.StandardLevels.GetValueOrDefault(target) ?? new Dictionary<string, int>();
        var ranked = SuccessionPools.Rank(candidates, feeders, required, standard.OptimalThreshold, standard.CukupOptimalThreshold, today);
        var start = 0;
        if (after is { } afterKey)
        {
            start = ranked.TakeWhile(m => m.RankKey.CompareTo(afterKey) <= 0).Count();
        }

        var members = ranked.Skip(start).Take(page.Limit).Select((m, i) =>
        {
            var row = rows[m.Candidate.Nip];
            var since = m.Candidate.LevelSince!.Value;
            return new PoolMemberResponse(
                start + i + 1, m.Candidate.Nip, row.Name, row.Agency, row.Province, UpperSnakeCase.Of(m.Candidate.PositionLevel!.Value), m.Candidate.Box!.Value,
                since, Tenure.CompletedYears(since, today), UpperSnakeCase.Of(m.PredikatLastYear), Gaps(m.JpmAgainstTarget));
        }).ToList();
        string? next = null;
        if (start + page.Limit < ranked.Count)
        {
            var last = ranked[start + page.Limit - 1].RankKey;
            next = PageRequest.Encode(PoolListName, [
                last.Box.ToString(CultureInfo.InvariantCulture), last.Jpm.ToString(CultureInfo.InvariantCulture),
                ((int)last.PredikatLastYear).ToString(CultureInfo.InvariantCulture), last.Nip]);
        }

        return TypedResults.Ok(new PoolResponse(UpperSnakeCase.Of(target), today, [.. feeders.Select(UpperSnakeCase.Of).Order(StringComparer.Ordinal)], scope.AgencyCode, members, next));
    }

    public sealed record DestinationResponse(
        string Kind, Guid? VacancyId, string? HolderNip, string AgencyCode, string? ProvinceCode, string PositionLevel, string? Title, string? Unit,
        decimal FitShare, int RequiredMet, int RequiredCount, bool DifferentProvince);

    public sealed record RotationCandidateResponse(
        string Nip, string Name, string AgencyCode, string? WorkProvince, string PositionLevel, string Status, DateOnly PositionSince,
        int TenureYears, int TenureDays, int? Box, string? PerformanceClass, GapsResponse? Jpm, IReadOnlyList<DestinationResponse> Destinations);

    public sealed record RotationResponse(DateOnly AsOf, string? Level, string? AgencyCode, IReadOnlyList<RotationCandidateResponse> Items, string? NextCursor);

    private sealed record JptHolder(
        string Nip, string Name, string Agency, string? Province, PositionLevel Level, int? Box, JpmCategory? Category, PerformanceClass? Performance,
        DateOnly Since, IReadOnlyDictionary<string, int> Levels);

    public static async Task<Results<Ok<RotationResponse>, ValidationProblem, ProblemHttpResult>> GetRotationCandidates(
        ClaimsPrincipal user, ReadRoute reads, StandardStore standards, TimeProvider clock,
        string? level, string? agencyCode, DateOnly? asOf, int? destinationLimit, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var dataSource = reads.DataSource;
        if (Scope(user, agencyCode) is not { } scope)
        {
            return OtherAgency();
        }

        PageRequest.TryParse(RotationListName, limit, cursor, out var page, out var errors);
        PositionLevel? levelFilter = null;
        if (level is not null)
        {
            if (UpperSnakeCase.TryParse<PositionLevel>(level, out var parsed) && JptRotation.IsJpt(parsed))
            {
                levelFilter = parsed;
            }
            else
            {
                errors["level"] = ["level must be JPT_UTAMA, JPT_MADYA or JPT_PRATAMA."];
            }
        }

        if (destinationLimit is < 1 or > MaxDestinations)
        {
            errors["destinationLimit"] = [$"destinationLimit must be between 1 and {MaxDestinations}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var evaluationDate = asOf ?? JakartaCalendar.DateOf(clock.GetUtcNow());
        var standard = await standards.LoadAsync(cancellationToken);
        var holders = await JptHoldersAsync(dataSource, cancellationToken);
        var statuses = holders.ToDictionary(
            h => h.Nip, h => JptRotation.StatusOf(true, h.Level, h.Since, h.Performance, h.Category, evaluationDate), StringComparer.Ordinal);
        var destinations = holders
            .Where(h => statuses[h.Nip] == RotationStatus.Due)
            .Select(h => new Destination(DestinationKind.DueHolderPosition, h.Nip, h.Agency, h.Province, h.Level, new Dictionary<string, int>()))
            .ToList();
        var vacancies = await OpenJptVacanciesAsync(dataSource, cancellationToken);
        destinations.AddRange(vacancies.Select(v => v.Destination));
        var vacancyById = vacancies.ToDictionary(v => v.Destination.Id, StringComparer.Ordinal);

        var after = page.After is [var a] ? a : null;
        var candidates = holders
            .Where(h => statuses[h.Nip] is not null
                && (scope.AgencyCode is null || h.Agency == scope.AgencyCode)
                && (levelFilter is null || h.Level == levelFilter)
                && (after is null || string.CompareOrdinal(h.Nip, after) > 0))
            .OrderBy(h => h.Nip, StringComparer.Ordinal)
            .Take(page.Limit + 1)
            .ToList();
        var shown = candidates.Take(page.Limit)
            .Select(h => (Holder: h, Ranked: JptRotation.RankDestinations(h.Agency, h.Province, h.Level, h.Levels, destinations, destinationLimit ?? DefaultDestinations)))
            .ToList();
        // Titles come from the profiles' content: read only for the DUE positions this page shows.
        var positions = await PositionsAsync(
            dataSource,
            [.. shown.SelectMany(c => c.Ranked).Where(r => r.Destination.Kind == DestinationKind.DueHolderPosition).Select(r => r.Destination.Id).Distinct()],
            cancellationToken);
        var national = user.AgencyCode() is null;
        var items = shown.Select(c =>
        {
            var h = c.Holder;
            var required = standard.StandardLevels.GetValueOrDefault(h.Level) ?? new Dictionary<string, int>();
            var jpm = Jpm.Compute(h.Levels.ToDictionary(l => l.Key, l => (int?)l.Value), required, standard.OptimalThreshold, standard.CukupOptimalThreshold);
            return new RotationCandidateResponse(
                h.Nip, h.Name, h.Agency, h.Province, UpperSnakeCase.Of(h.Level), UpperSnakeCase.Of(statuses[h.Nip]!.Value), h.Since,
                Tenure.CompletedYears(h.Since, evaluationDate), Tenure.Days(h.Since, evaluationDate), h.Box,
                h.Performance is { } p ? UpperSnakeCase.Of(p) : null, Gaps(jpm),
                [.. c.Ranked.Select(r => ToDestination(r, positions, vacancyById, national))]);
        }).ToList();
        var next = candidates.Count > page.Limit ? PageRequest.Encode(RotationListName, [candidates[page.Limit - 1].Nip]) : null;
        return TypedResults.Ok(new RotationResponse(evaluationDate, level, scope.AgencyCode, items, next));
    }

    public sealed record CompetencyMapResponse(string GroupBy, string? AgencyCode, string? Competency, IReadOnlyList<GroupStats> Groups, IReadOnlyList<RankedCompetency> NationalRanking);

    public static async Task<Results<Ok<CompetencyMapResponse>, ValidationProblem, ProblemHttpResult>> GetCompetencyMap(
        ClaimsPrincipal user, ReadRoute reads, string? groupBy, string? competency, string? agencyCode, CancellationToken cancellationToken)
    {
        var dataSource = reads.DataSource;
        if (Scope(user, agencyCode) is not { } scope)
        {
            return OtherAgency();
        }

        var grouping = (groupBy ?? "AGENCY") switch
        {
            "AGENCY" => "c.agency_code",
            "PROVINCE" => "c.province_code",
            "AGENCY_TYPE" => "coalesce(a.kind, '')",
            "POSITION_LEVEL" => "c.position_level",
            _ => null,
        };
        if (grouping is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["groupBy"] = ["groupBy must be AGENCY, PROVINCE, AGENCY_TYPE or POSITION_LEVEL."] });
        }

        // The grouping is one of four fixed column expressions above, never caller text.
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {grouping}, c.competency_code, c.level, coalesce(s.level, pl.technical_default), sum(c.people)::bigint
            FROM competency_level_counts c
            JOIN position_levels pl ON pl.position_level = c.position_level
            LEFT JOIN standard_levels s ON s.position_level = c.position_level AND s.competency_code = c.competency_code
            LEFT JOIN agencies a ON a.code = c.agency_code
            WHERE (@agency::text IS NULL OR c.agency_code = @agency) AND (@competency::text IS NULL OR c.competency_code = @competency)
            GROUP BY 1, 2, 3, 4 HAVING sum(c.people) > 0
            """);
        command.Parameters.Add(new NpgsqlParameter("agency", NpgsqlDbType.Text) { Value = (object?)scope.AgencyCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("competency", NpgsqlDbType.Text) { Value = (object?)competency ?? DBNull.Value });
        var cells = new List<MapCell>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                cells.Add(new MapCell(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4)));
            }
        }

        var map = CompetencyMap.Build(cells);
        return TypedResults.Ok(new CompetencyMapResponse(groupBy ?? "AGENCY", scope.AgencyCode, competency, map.Groups, map.NationalRanking));
    }

    public sealed record CalibrationFlag(
        string Method, string PositionLevel, string Competency, int AgencyPeople, int OtherPeople, decimal AgencyMean, decimal OthersMean,
        decimal MeanDifference, decimal D, decimal PValue, bool Flagged);

    public sealed record Scorecard(
        string AgencyCode, long RecordsReceived, decimal ShareAccepted, decimal SharePendingMapping, decimal ShareRejected, long ActivePeople,
        decimal Completeness, decimal? FreshnessMedianDays, long OpenConflicts, long UnmappedItems, IReadOnlyList<CalibrationFlag> Calibration);

    public static async Task<Results<Ok<Page<Scorecard>>, ValidationProblem, ProblemHttpResult>> GetDataQuality(
        ClaimsPrincipal user, ReadRoute reads, TimeProvider clock, string? agencyCode, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var dataSource = reads.DataSource;
        if (Scope(user, agencyCode) is not { } scope)
        {
            return OtherAgency();
        }

        if (!PageRequest.TryParse(DataQualityListName, limit, cursor, out var page, out var errors) || page.Limit > 100)
        {
            errors["limit"] = ["limit must be between 1 and 100."];
            return TypedResults.ValidationProblem(errors);
        }

        var agencies = new List<string>();
        await using (var command = dataSource.CreateCommand(
            "SELECT code FROM agencies WHERE (@agency::text IS NULL OR code = @agency) AND (@after::text IS NULL OR code > @after) ORDER BY code LIMIT @limit"))
        {
            command.Parameters.Add(new NpgsqlParameter("agency", NpgsqlDbType.Text) { Value = (object?)scope.AgencyCode ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Text) { Value = page.After is [var after] ? after : DBNull.Value });
            command.Parameters.AddWithValue("limit", page.Limit + 1);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                agencies.Add(reader.GetString(0));
            }
        }

        var today = JakartaCalendar.DateOf(clock.GetUtcNow());
        var cards = new List<Scorecard>(page.Limit);
        foreach (var code in agencies.Take(page.Limit))
        {
            cards.Add(await ScorecardAsync(dataSource, code, today, cancellationToken));
        }

        var next = agencies.Count > page.Limit ? PageRequest.Encode(DataQualityListName, [agencies[page.Limit - 1]]) : null;
        return TypedResults.Ok(new Page<Scorecard>(cards, next));
    }

    private static async Task<Scorecard> ScorecardAsync(NpgsqlDataSource dataSource, string agencyCode, DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT
                (SELECT coalesce(sum(received), 0)::bigint FROM submissions WHERE agency_code = @agency),
                (SELECT coalesce(sum(accepted), 0)::bigint FROM submissions WHERE agency_code = @agency),
                (SELECT coalesce(sum(pending_mapping), 0)::bigint FROM submissions WHERE agency_code = @agency),
                (SELECT coalesce(sum(rejected), 0)::bigint FROM submissions WHERE agency_code = @agency),
                (SELECT count(*) FROM profiles WHERE employing_agency = @agency AND status = 'ACTIVE' AND merged_into IS NULL),
                (SELECT count(*) FROM profiles WHERE employing_agency = @agency AND status = 'ACTIVE' AND merged_into IS NULL AND complete),
                (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY age) FROM (
                    SELECT @today - max(s.received_at AT TIME ZONE 'Asia/Jakarta')::date AS age
                    FROM profiles p JOIN normalized_records n ON n.nip = p.nip JOIN submissions s ON s.id = n.submission_id
                    WHERE p.employing_agency = @agency AND p.status = 'ACTIVE' AND p.merged_into IS NULL
                    GROUP BY p.nip) ages),
                (SELECT count(*) FROM conflicts c JOIN profiles p ON p.nip = c.nip WHERE p.employing_agency = @agency AND c.status = 'OPEN'),
                (SELECT count(*) FROM (SELECT DISTINCT kind, scale_code, canonical_value FROM pending_mappings WHERE agency_code = @agency) items)
            """);
        command.Parameters.AddWithValue("agency", agencyCode);
        command.Parameters.AddWithValue("today", today);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var received = reader.GetInt64(0);
        var active = reader.GetInt64(4);
        var card = new Scorecard(
            agencyCode, received, Share(reader.GetInt64(1), received), Share(reader.GetInt64(2), received), Share(reader.GetInt64(3), received),
            active, Share(reader.GetInt64(5), active), reader.IsDBNull(6) ? null : HalfUp.ToHundredths((decimal)reader.GetDouble(6)),
            reader.GetInt64(7), reader.GetInt64(8), []);
        await reader.DisposeAsync();
        return card with { Calibration = await CalibrationAsync(dataSource, agencyCode, cancellationToken) };
    }

    /// <summary>docs/domain/analytics.md#calibration: every (method, position level, competency) cell with ≥ 30 of the agency's people.</summary>
    private static async Task<IReadOnlyList<CalibrationFlag>> CalibrationAsync(NpgsqlDataSource dataSource, string agencyCode, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH cells AS (
                SELECT method, position_level, competency_code FROM competency_level_counts WHERE agency_code = @agency
                GROUP BY 1, 2, 3 HAVING sum(people) >= @minimum)
            SELECT c.method, c.position_level, c.competency_code, c.level,
                   coalesce(sum(c.people) FILTER (WHERE c.agency_code = @agency), 0)::bigint,
                   coalesce(sum(c.people) FILTER (WHERE c.agency_code <> @agency), 0)::bigint
            FROM competency_level_counts c JOIN cells USING (method, position_level, competency_code)
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            """);
        command.Parameters.AddWithValue("agency", agencyCode);
        command.Parameters.AddWithValue("minimum", Calibration.MinimumPeople);
        var counts = new SortedDictionary<(string Method, string Level, string Competency), (long[] Agency, long[] Others)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                if (!counts.TryGetValue(key, out var cell))
                {
                    counts[key] = cell = (new long[5], new long[5]);
                }

                var level = reader.GetInt32(3);
                if (level is >= 1 and <= 5)
                {
                    cell.Agency[level - 1] += reader.GetInt64(4);
                    cell.Others[level - 1] += reader.GetInt64(5);
                }
            }
        }

        return [.. counts
            .Select(c => (c.Key, Result: Calibration.Compare(c.Value.Agency, c.Value.Others)))
            .Where(c => c.Result is not null)
            .Select(c => new CalibrationFlag(
                c.Key.Method, c.Key.Level, c.Key.Competency, c.Result!.AgencyCount, c.Result.OthersCount, c.Result.AgencyMean, c.Result.OthersMean,
                c.Result.MeanDifference, c.Result.D, c.Result.PValue, c.Result.Flagged))];
    }

    private static decimal Share(long part, long whole) => whole == 0 ? 0 : HalfUp.ToTenThousandths((decimal)part / whole);

    private sealed record AnalyticsScope(string? AgencyCode);

    /// <summary>The agency the figures cover: an agency client's own (null when it asks for another), else what was asked.</summary>
    private static AnalyticsScope? Scope(ClaimsPrincipal user, string? agencyCode) => user.AgencyCode() switch
    {
        null => new AnalyticsScope(agencyCode),
        var own when agencyCode is null || agencyCode == own => new AnalyticsScope(own),
        _ => null,
    };

    private static ProblemHttpResult OtherAgency() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "An agency client sees the analytics of its own agency only.");

    private static string MembersFilter(string? agencyCode, string? positionLevel, string? province) =>
        (agencyCode is null ? "" : "&agencyCode=" + Uri.EscapeDataString(agencyCode))
        + (positionLevel is null ? "" : "&positionLevel=" + Uri.EscapeDataString(positionLevel))
        + (province is null ? "" : "&province=" + Uri.EscapeDataString(province));

    private static GapsResponse Gaps(JpmResult jpm) => new(jpm.Value, UpperSnakeCase.Of(jpm.Category), jpm.Gaps, jpm.GapCount, jpm.Incomplete);

    private static async Task<IReadOnlySet<PositionLevel>> FeedersAsync(NpgsqlDataSource dataSource, PositionLevel target, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT feeders FROM position_levels WHERE position_level = @level");
        command.Parameters.AddWithValue("level", UpperSnakeCase.Of(target));
        var feeders = await command.ExecuteScalarAsync(cancellationToken) as string[] ?? [];
        return feeders.Select(f => UpperSnakeCase.TryParse<PositionLevel>(f, out var level) ? level : (PositionLevel?)null).OfType<PositionLevel>().ToHashSet();
    }

    private static async Task<List<JptHolder>> JptHoldersAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT nip, name, employing_agency, work_province, position_level, box, jpm_category, performance_class, position_since, analytics::text
            FROM profiles
            WHERE merged_into IS NULL AND status = 'ACTIVE' AND position_level IN ('JPT_UTAMA', 'JPT_MADYA', 'JPT_PRATAMA')
              AND employing_agency IS NOT NULL AND position_since IS NOT NULL
            """);
        var holders = new List<JptHolder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            UpperSnakeCase.TryParse<PositionLevel>(reader.GetString(4), out var level);
            JpmCategory? category = !reader.IsDBNull(6) && UpperSnakeCase.TryParse<JpmCategory>(reader.GetString(6), out var c) ? c : null;
            var (levels, _) = AnalyticsFactsJson.Read(reader.IsDBNull(9) ? null : reader.GetString(9));
            holders.Add(new JptHolder(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), level,
                reader.IsDBNull(5) ? null : reader.GetInt32(5), category, reader.IsDBNull(7) ? null : (PerformanceClass)reader.GetInt32(7),
                reader.GetFieldValue<DateOnly>(8), levels));
        }

        return holders;
    }

    /// <summary>The title and unit of the current positions of the given NIPs.</summary>
    private static async Task<Dictionary<string, (string? Title, string? Unit)>> PositionsAsync(
        NpgsqlDataSource dataSource, string[] nips, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<string, (string? Title, string? Unit)>(StringComparer.Ordinal);
        if (nips.Length == 0)
        {
            return positions;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT nip, content::jsonb #>> '{currentPosition,title}', content::jsonb #>> '{currentPosition,unit}' FROM profiles WHERE nip = ANY(@nips)");
        command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return positions;
    }

    private sealed record OpenVacancy(Destination Destination, Guid Id, string Title, string? Unit);

    private static async Task<List<OpenVacancy>> OpenJptVacanciesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT id, agency_code, province_code, position_level, required_technical::text, title, unit FROM vacancies
            WHERE closed_at IS NULL AND position_level IN ('JPT_UTAMA', 'JPT_MADYA', 'JPT_PRATAMA')
            """);
        var vacancies = new List<OpenVacancy>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            UpperSnakeCase.TryParse<PositionLevel>(reader.GetString(3), out var level);
            var required = JsonSerializer.Deserialize<Dictionary<string, int>>(reader.GetString(4)) ?? [];
            vacancies.Add(new OpenVacancy(
                new Destination(DestinationKind.Vacancy, id.ToString(), reader.GetString(1), reader.GetString(2), level, required),
                id, reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return vacancies;
    }

    private static DestinationResponse ToDestination(
        RankedDestination ranked, Dictionary<string, (string? Title, string? Unit)> positions, Dictionary<string, OpenVacancy> vacancies, bool national)
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
        var (title, unit) = positions.GetValueOrDefault(d.Id);
        return new DestinationResponse(
            "DUE_HOLDER_POSITION", null, national ? d.Id : null, d.AgencyCode, d.Province, UpperSnakeCase.Of(d.Level), title, unit,
            ranked.FitShare, ranked.RequiredMet, ranked.RequiredCount, ranked.DifferentProvince);
    }
}
