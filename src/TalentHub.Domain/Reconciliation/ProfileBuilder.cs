using System.Globalization;
using TalentHub.Domain.Identity;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Reconciliation;

/// <summary>
/// Consolidates one person from every agency's latest observation (docs/domain/reconciliation.md#survivorship) and derives
/// JPM, potential, performance, 9-box and data-quality flags (docs/domain/reconciliation.md#derived-values). Pure and deterministic: every tie ends
/// on content keys, every list is sorted with ordinal comparers, so the content never depends on the order of the
/// observations.
/// </summary>
public static class ProfileBuilder
{
    /// <summary>Entries of different agencies overlapping by more than this many days conflict.</summary>
    public const int OverlapToleranceDays = 31;

    /// <summary>A gap of up to this many days between two positions at a level does not break the run at that level.</summary>
    public const int LevelRunGapDays = 31;

    /// <summary>The status of a profile built from no observation at all (the caller should not ask for one).</summary>
    public const string NoStatus = "UNKNOWN";

    private const string NameField = "name";
    private const string NikField = "nik";
    private const string BirthPlaceField = "birthPlace";

    /// <summary>
    /// Builds the profile; <paramref name="resolutions"/> are the steward resolutions in force on it: each one that still
    /// holds overrides survivorship for its field (provenance rule STEWARD) and keeps its conflict closed; the others are
    /// reported as lapsed and their conflicts are open again.
    /// </summary>
    public static ConsolidatedProfile Build(
        string nip, IReadOnlyList<Observation> observations, StandardSnapshot standard, DateOnly evaluationDate, IReadOnlyList<StewardResolution>? resolutions = null)
    {
        var decisions = new StewardDecisions(resolutions ?? []);
        var sources = SourceRecord.LatestPerAgency(observations);
        var titleKeys = NameNormalizer.TitleKeys(standard.Titles);
        var provenance = new SortedDictionary<string, ProvenanceEntry>(StringComparer.Ordinal);

        var byLatest = new List<SourceRecord>(sources);
        byLatest.Sort(SourceRecord.CompareLatest);
        var active = byLatest.Where(s => s.IsActive).ToList();

        // Employing agency and current position: the latest position.since among ACTIVE observations; tie: latest.
        SourceRecord? employing = null;
        foreach (var source in active)
        {
            if (employing is null || SinceOf(source) > SinceOf(employing))
            {
                employing = source;
            }
        }

        var conflicts = new List<ProfileConflict>();
        var employingRule = ProvenanceRules.LatestPosition;
        StewardResolution? employer = null;
        if (active.Count >= 2)
        {
            var concurrent = new ProfileConflict(
                ConflictKinds.ConcurrentEmployment, "employingAgency", null, [.. active.Select(s => new ConflictCandidate(s.Agency, s.Agency)).OrderBy(c => c.AgencyCode, StringComparer.Ordinal)]);
            employer = decisions.HeldFor(concurrent);
            if (employer?.ChosenAgencyCode is { } chosen)
            {
                // The steward named the employer: employing agency and current position follow it.
                employing = active.First(s => string.Equals(s.Agency, chosen, StringComparison.Ordinal));
                employingRule = ProvenanceRules.Steward;
            }
            else
            {
                conflicts.Add(concurrent);
            }
        }

        var statusSource = employing ?? byLatest.FirstOrDefault();
        var statusRule = employing is not null ? ProvenanceRules.EmployingAgency : ProvenanceRules.Latest;
        if (employing is not null)
        {
            provenance["employingAgency"] = new ProvenanceEntry(employing, employingRule, employer);
            provenance["currentPosition"] = new ProvenanceEntry(employing, employingRule, employer);
        }

        if (statusSource is not null)
        {
            provenance["status"] = new ProvenanceEntry(statusSource, statusRule);
            provenance["grade"] = new ProvenanceEntry(statusSource, statusRule);
            provenance["employmentType"] = new ProvenanceEntry(statusSource, statusRule);
        }

        // Identity: the employing agency's latest (or the latest observation); a null never beats a non-null value.
        var identityOrder = IdentityOrder(statusSource, byLatest);
        var name = Identity(NameField, s => s.Name, identityOrder, statusSource, statusRule, active, v => NameNormalizer.Normalize(v, titleKeys), decisions, conflicts, provenance);
        var nik = Identity(NikField, s => s.Nik, identityOrder, statusSource, statusRule, active, DigitsOf, decisions, conflicts, provenance);
        var birthPlace = Identity(
            BirthPlaceField, s => s.BirthPlace, identityOrder, statusSource, statusRule, active, v => NameNormalizer.Normalize(v, EmptyTitles), decisions, conflicts, provenance);

        // Birth date and gender: from the NIP (validated equal at ingest); the record's values if the NIP does not decode.
        var decoded = NipRules.Decode(nip, EmploymentType.Pns, evaluationDate) ?? NipRules.Decode(nip, EmploymentType.Pppk, evaluationDate);
        var birthDate = decoded?.BirthDate ?? identityOrder.Select(s => s.BirthDate).FirstOrDefault(d => d is not null) ?? DateOnly.MinValue;
        var gender = decoded is not null ? decoded.Gender.ToString() : identityOrder.Select(s => s.Gender).FirstOrDefault(g => g is not null);
        if (statusSource is not null)
        {
            var rule = decoded is not null ? ProvenanceRules.Nip : statusRule;
            provenance["birthDate"] = new ProvenanceEntry(statusSource, rule);
            provenance["gender"] = new ProvenanceEntry(statusSource, rule);
        }

        // Position history: union, deduplicated by (agency, level, from), ordered by from; overlaps a steward decided.
        var history = PositionHistory(sources);
        var decidedEntries = ResolveOverlaps(history, evaluationDate, employing?.Agency, decisions, conflicts);
        for (var i = 0; i < history.Count; i++)
        {
            var entryDecision = decidedEntries.GetValueOrDefault(history[i]);
            provenance[string.Create(CultureInfo.InvariantCulture, $"positionHistory[{i}]")] =
                new ProvenanceEntry(history[i].Sender, entryDecision is null ? ProvenanceRules.Union : ProvenanceRules.Steward, entryDecision);
        }

        // Results: competency levels and explicit potentials of every agency's latest observation.
        var results = new List<ResultCandidate>();
        var potentials = new List<ResultCandidate>();
        foreach (var source in sources)
        {
            foreach (var level in source.Observation.Levels)
            {
                var rule = standard.Methods.GetValueOrDefault(level.Method);
                results.Add(new ResultCandidate(source, level.AssessmentId, level.Method, level.AssessedAt, level.NationalCode, level.Score, level.Level, rule, Selection.IsStale(rule, level.AssessedAt, evaluationDate)));
            }

            foreach (var potential in source.Observation.Potentials)
            {
                var rule = standard.Methods.GetValueOrDefault(potential.Method);
                potentials.Add(new ResultCandidate(source, potential.AssessmentId, potential.Method, potential.AssessedAt, ResultCandidate.PotentialCode, potential.Score, potential.Level, rule, Selection.IsStale(rule, potential.AssessedAt, evaluationDate)));
            }
        }

        var current = new SortedDictionary<string, CurrentResult>(StringComparer.Ordinal);
        foreach (var group in results.Where(r => r.ForDecisions).GroupBy(r => r.Code, StringComparer.Ordinal))
        {
            if (Selection.Current(group) is { } chosen)
            {
                current[group.Key] = chosen;
                provenance["competencies." + group.Key] = new ProvenanceEntry(chosen.Result.Source, chosen.Rule);
            }
        }

        var others = results.Where(r => !r.ForDecisions).ToList();
        others.Sort(Selection.ForDisplay);
        var currentPotential = Selection.Current(potentials);
        if (currentPotential is not null)
        {
            provenance["potential"] = new ProvenanceEntry(currentPotential.Result.Source, currentPotential.Rule);
        }

        // JPM against the current position level.
        var positionLevel = employing?.Position?.Level is { } levelText && UpperSnakeCase.TryParse<PositionLevel>(levelText, out var parsedLevel)
            ? parsedLevel
            : (PositionLevel?)null;
        JpmResult? jpm = null;
        if (positionLevel is { } levelKey && standard.StandardLevels.TryGetValue(levelKey, out var required))
        {
            var levels = new Dictionary<string, int?>(StringComparer.Ordinal);
            foreach (var code in required.Keys)
            {
                levels[code] = current.TryGetValue(code, out var chosen) && !chosen.Stale ? chosen.Result.Level : null;
            }

            jpm = Jpm.Compute(levels, required, standard.OptimalThreshold, standard.CukupOptimalThreshold);
        }

        // Potential: a current explicit potential wins; else the JPM category; an insufficient JPM gives none.
        string? potentialClass = null;
        string? potentialBasis = null;
        if (currentPotential is { Stale: false })
        {
            potentialClass = NineBox.PotentialOfLevel(currentPotential.Result.Level);
            potentialBasis = "EXPLICIT";
        }
        else if (jpm is { Insufficient: false })
        {
            potentialClass = NineBox.PotentialOfCategory(jpm.Category);
            potentialBasis = "JPM";
        }

        // Performance per year.
        var performance = PerformancePerYear(sources, history, evaluationDate, decisions, conflicts, provenance);
        var window = performance.Where(p => p.Year < evaluationDate.Year && p.Year >= evaluationDate.Year - CalendarDue.PerformanceWindowYears).OrderByDescending(p => p.Year).Take(2).ToList();
        PerformanceClass? performanceClass = window.Count == 0
            ? null
            : (PerformanceClass)(int)Math.Round(window.Average(p => (decimal)(int)Skp.ClassOf(p.Predikat)), 0, MidpointRounding.AwayFromZero);

        // 9-box: ACTIVE people only.
        var status = statusSource?.Status ?? NoStatus;
        var isActive = string.Equals(status, SourceRecord.Active, StringComparison.Ordinal);
        int? box = isActive ? NineBox.Box(potentialClass, performanceClass) : null;
        var unplacedReasons = new List<string>();
        if (isActive && box is null)
        {
            if (potentialClass is null)
            {
                unplacedReasons.Add(NineBox.InsufficientJpm);
            }

            if (performanceClass is null)
            {
                unplacedReasons.Add(NineBox.NoPerformance);
            }
        }

        conflicts.Sort(CompareConflicts);
        var previousNips = sources.SelectMany(s => s.PreviousNips)
            .Where(p => !string.Equals(p, nip, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        var anyStale = current.Values.Any(c => c.Stale) || currentPotential is { Stale: true };
        var flags = new QualityFlags(jpm?.Incomplete ?? false, jpm?.Insufficient ?? false, anyStale, conflicts.Count > 0, performanceClass is null);

        var content = new ProfileContent(
            nip, name.Value ?? string.Empty, nik.Value, birthPlace.Value, birthDate, gender, status, statusSource?.EmploymentType, statusSource?.Grade,
            employing?.Agency, employing?.Position, history, sources, results, current, others, currentPotential, potentials,
            potentialClass, potentialBasis, jpm, positionLevel, performance, window, performanceClass, isActive, box, unplacedReasons,
            conflicts, previousNips, flags);

        var summary = new ProfileSummary(
            employing?.Agency, status, positionLevel, employing?.Position?.Province, box, jpm?.Value, jpm?.Category, name.Value ?? string.Empty);
        var duplicateKeys = new DuplicateKeys(
            nik.Value is { } nikValue ? DigitsOf(nikValue) : null,
            NameNormalizer.Normalize(name.Value ?? string.Empty, titleKeys),
            birthDate,
            employing?.Agency ?? statusSource?.Agency);

        var currentLevels = new SortedDictionary<string, CurrentLevel>(StringComparer.Ordinal);
        foreach (var (code, chosen) in current)
        {
            if (!chosen.Stale)
            {
                currentLevels[code] = new CurrentLevel(chosen.Result.Level, chosen.Result.Method);
            }
        }

        var analytics = new AnalyticsFacts(
            performanceClass,
            unplacedReasons,
            employing?.Position?.From,
            employing?.Position is { } currentPosition ? LevelSince(currentPosition, history, evaluationDate) : null,
            performance.ToDictionary(p => p.Year, p => p.Predikat),
            currentLevels,
            jpm is { Incomplete: false } && window.Count == 2);
        return new ConsolidatedProfile(
            nip,
            ContentWriter.Write(content),
            ContentWriter.WriteProvenance(provenance),
            summary,
            conflicts,
            previousNips,
            previousNips.ToDictionary(p => p, p => sources.Where(s => s.PreviousNips.Contains(p, StringComparer.Ordinal)).Max(s => s.Observation.ReceivedAt), StringComparer.Ordinal),
            duplicateKeys,
            analytics,
            decisions.Lapsed);
    }

    /// <summary>
    /// The start of the unbroken run of positions at the current position's level that ends with it
    /// (docs/domain/reconciliation.md#analytics-facts): earlier entries at that level join the run while the gap before the run is at most 31 days; an
    /// entry at another level in that reach, or a longer gap, ends it.
    /// </summary>
    private static DateOnly LevelSince(PositionEntry currentPosition, List<PositionEntry> history, DateOnly evaluationDate)
    {
        var start = currentPosition.From;
        foreach (var entry in history.Where(e => e.From < currentPosition.From).OrderByDescending(e => e.From))
        {
            if (entry.From >= start)
            {
                continue;
            }

            if (start.DayNumber - entry.End(evaluationDate).DayNumber - 1 > LevelRunGapDays)
            {
                break;
            }

            if (!string.Equals(entry.Level, currentPosition.Level, StringComparison.Ordinal))
            {
                break;
            }

            start = entry.From;
        }

        return start;
    }

    private static readonly HashSet<string> EmptyTitles = new(StringComparer.Ordinal);

    private static DateOnly SinceOf(SourceRecord source) => source.Position?.From ?? DateOnly.MinValue;

    private static string DigitsOf(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    /// <summary>The identity sources in order: the status source, then ACTIVE observations by latest, then the others by latest.</summary>
    private static List<SourceRecord> IdentityOrder(SourceRecord? first, List<SourceRecord> byLatest)
    {
        var order = new List<SourceRecord>(byLatest.Count);
        if (first is not null)
        {
            order.Add(first);
        }

        order.AddRange(byLatest.Where(s => s.IsActive && !ReferenceEquals(s, first)));
        order.AddRange(byLatest.Where(s => !s.IsActive && !ReferenceEquals(s, first)));
        return order;
    }

    private static Picked PickIdentity(
        string field, Func<SourceRecord, string?> value, List<SourceRecord> order, SourceRecord? first, string firstRule, SortedDictionary<string, ProvenanceEntry> provenance)
    {
        foreach (var source in order)
        {
            if (value(source) is { } text)
            {
                var rule = ReferenceEquals(source, first) ? firstRule : ProvenanceRules.LatestNonNull;
                provenance[field] = new ProvenanceEntry(source, rule);
                return new Picked(text, source);
            }
        }

        return new Picked(null, null);
    }

    /// <summary>
    /// An identity field: survivorship's pick and its IDENTITY_MISMATCH, unless a steward's resolution of that mismatch
    /// holds: then the chosen agency's value (or the value the steward typed) with rule STEWARD, and no open conflict.
    /// </summary>
    private static Picked Identity(
        string field,
        Func<SourceRecord, string?> value,
        List<SourceRecord> order,
        SourceRecord? first,
        string firstRule,
        List<SourceRecord> active,
        Func<string, string> normalize,
        StewardDecisions decisions,
        List<ProfileConflict> conflicts,
        SortedDictionary<string, ProvenanceEntry> provenance)
    {
        var picked = PickIdentity(field, value, order, first, firstRule, provenance);
        if (IdentityMismatch(field, picked, value, active, normalize) is not { } mismatch)
        {
            return picked;
        }

        if (decisions.HeldFor(mismatch) is not { } resolution)
        {
            conflicts.Add(mismatch);
            return picked;
        }

        if (resolution.ChosenAgencyCode is { } chosen)
        {
            var source = order.First(s => string.Equals(s.Agency, chosen, StringComparison.Ordinal));
            provenance[field] = new ProvenanceEntry(source, ProvenanceRules.Steward, resolution);
            return new Picked(value(source), source);
        }

        provenance[field] = new ProvenanceEntry(null, ProvenanceRules.Steward, resolution);
        return new Picked(resolution.ChosenValue, null);
    }

    private static ProfileConflict? IdentityMismatch(string field, Picked winner, Func<SourceRecord, string?> value, List<SourceRecord> active, Func<string, string> normalize)
    {
        if (winner.Value is null || winner.Source is null)
        {
            return null;
        }

        var normalizedWinner = normalize(winner.Value);
        var differs = active.Any(s => s.Agency != winner.Source.Agency && value(s) is { } text && !string.Equals(normalize(text), normalizedWinner, StringComparison.Ordinal));
        if (!differs)
        {
            return null;
        }

        var candidates = new List<ConflictCandidate> { new(winner.Value, winner.Source.Agency) };
        foreach (var source in active)
        {
            if (source.Agency != winner.Source.Agency && value(source) is { } text)
            {
                candidates.Add(new ConflictCandidate(text, source.Agency));
            }
        }

        return new ProfileConflict(ConflictKinds.IdentityMismatch, field, null, SortCandidates(candidates));
    }

    private static List<ConflictCandidate> SortCandidates(IEnumerable<ConflictCandidate> candidates) =>
        [.. candidates.Distinct().OrderBy(c => c.AgencyCode, StringComparer.Ordinal).ThenBy(c => c.Value, StringComparer.Ordinal)];

    /// <summary>
    /// The union of every agency's history and current position, each entry attributed to its agencyCode, deduplicated
    /// by (agency, level, from): the entry sent by that agency itself wins, else the latest sender's; ordered by from.
    /// </summary>
    private static List<PositionEntry> PositionHistory(List<SourceRecord> sources)
    {
        var chosen = new Dictionary<(string Agency, string Level, DateOnly From), PositionEntry>();
        foreach (var source in sources)
        {
            var entries = source.Position is { } position ? source.History.Append(position) : source.History;
            foreach (var entry in entries)
            {
                var key = (entry.AgencyCode, entry.Level ?? string.Empty, entry.From);
                if (!chosen.TryGetValue(key, out var existing) || Wins(entry, existing))
                {
                    chosen[key] = entry;
                }
            }
        }

        var history = chosen.Values.ToList();
        history.Sort((a, b) =>
        {
            var byFrom = a.From.CompareTo(b.From);
            return byFrom != 0 ? byFrom : string.CompareOrdinal(a.ContentKey(), b.ContentKey());
        });
        return history;
    }

    private static bool Wins(PositionEntry candidate, PositionEntry existing)
    {
        var candidateOwn = string.Equals(candidate.AgencyCode, candidate.Sender.Agency, StringComparison.Ordinal);
        var existingOwn = string.Equals(existing.AgencyCode, existing.Sender.Agency, StringComparison.Ordinal);
        if (candidateOwn != existingOwn)
        {
            return candidateOwn;
        }

        var byLatest = SourceRecord.CompareLatest(candidate.Sender, existing.Sender);
        if (byLatest != 0)
        {
            return byLatest < 0;
        }

        // The same sender sent two entries with one key: the current position, then the content, decide.
        if (candidate.Current != existing.Current)
        {
            return candidate.Current;
        }

        return string.CompareOrdinal(candidate.ContentKey(), existing.ContentKey()) < 0;
    }

    /// <summary>
    /// OVERLAPPING_POSITIONS, one per pair of agencies whose entries overlap by more than 31 days (open entries end on
    /// the evaluation date), unless a steward's resolution holds: then the conflict stays closed and, when one agency was
    /// chosen, the other agency's overlapping entries leave the history, but for the employing agency's current
    /// position (the current position and the history must not contradict each other). Returns the entries a resolution kept.
    /// </summary>
    private static Dictionary<PositionEntry, StewardResolution> ResolveOverlaps(
        List<PositionEntry> history, DateOnly evaluationDate, string? employingAgency, StewardDecisions decisions, List<ProfileConflict> conflicts)
    {
        var decided = new Dictionary<PositionEntry, StewardResolution>(ReferenceEqualityComparer.Instance);
        var dropped = new HashSet<PositionEntry>(ReferenceEqualityComparer.Instance);
        foreach (var overlap in Overlaps(history, evaluationDate))
        {
            if (decisions.HeldFor(overlap) is not { } resolution)
            {
                conflicts.Add(overlap);
                continue;
            }

            var described = overlap.Candidates.ToHashSet();
            foreach (var entry in history.Where(e => described.Contains(new ConflictCandidate(e.Describe(), e.AgencyCode))))
            {
                var employersCurrent = entry.Current && string.Equals(entry.AgencyCode, employingAgency, StringComparison.Ordinal);
                if (resolution.ChosenAgencyCode is { } chosen && !string.Equals(entry.AgencyCode, chosen, StringComparison.Ordinal) && !employersCurrent)
                {
                    dropped.Add(entry);
                }
                else
                {
                    decided[entry] = resolution;
                }
            }
        }

        history.RemoveAll(dropped.Contains);
        return decided;
    }

    private static List<ProfileConflict> Overlaps(List<PositionEntry> history, DateOnly evaluationDate)
    {
        var pairs = new SortedDictionary<(string, string), HashSet<ConflictCandidate>>(Comparer<(string, string)>.Create((a, b) =>
        {
            var first = string.CompareOrdinal(a.Item1, b.Item1);
            return first != 0 ? first : string.CompareOrdinal(a.Item2, b.Item2);
        }));
        for (var i = 0; i < history.Count; i++)
        {
            for (var j = i + 1; j < history.Count; j++)
            {
                var a = history[i];
                var b = history[j];
                if (string.Equals(a.AgencyCode, b.AgencyCode, StringComparison.Ordinal))
                {
                    continue;
                }

                var days = Math.Min(a.End(evaluationDate).DayNumber, b.End(evaluationDate).DayNumber) - Math.Max(a.From.DayNumber, b.From.DayNumber) + 1;
                if (days <= OverlapToleranceDays)
                {
                    continue;
                }

                var key = string.CompareOrdinal(a.AgencyCode, b.AgencyCode) < 0 ? (a.AgencyCode, b.AgencyCode) : (b.AgencyCode, a.AgencyCode);
                if (!pairs.TryGetValue(key, out var candidates))
                {
                    candidates = [];
                    pairs[key] = candidates;
                }

                candidates.Add(new ConflictCandidate(a.Describe(), a.AgencyCode));
                candidates.Add(new ConflictCandidate(b.Describe(), b.AgencyCode));
            }
        }

        return [.. pairs.Values.Select(candidates => new ProfileConflict(ConflictKinds.OverlappingPositions, "positionHistory", null, SortCandidates(candidates)))];
    }

    /// <summary>
    /// Per year: the agency employing the person on 31 December (the entry covering that day with the latest from, then
    /// the lower agency code) if it rated that year, else the latest agency that did; PERFORMANCE_MISMATCH when two
    /// agencies give different predikat.
    /// </summary>
    private static List<YearPerformance> PerformancePerYear(
        List<SourceRecord> sources,
        List<PositionEntry> history,
        DateOnly evaluationDate,
        StewardDecisions decisions,
        List<ProfileConflict> conflicts,
        SortedDictionary<string, ProvenanceEntry> provenance)
    {
        var byYear = new SortedDictionary<int, List<(SourceRecord Source, PerformanceEntry Entry)>>();
        foreach (var source in sources)
        {
            foreach (var entry in source.Performance)
            {
                if (!byYear.TryGetValue(entry.Year, out var raters))
                {
                    raters = [];
                    byYear[entry.Year] = raters;
                }

                // One entry per year and record (duplicate_year rejects the record); keep the first if not.
                if (!raters.Any(r => ReferenceEquals(r.Source, source)))
                {
                    raters.Add((source, entry));
                }
            }
        }

        var years = new List<YearPerformance>();
        foreach (var (year, raters) in byYear)
        {
            var employer = EmployerOn(new DateOnly(year, 12, 31), history, evaluationDate);
            var byEmployer = employer is null ? -1 : raters.FindIndex(r => string.Equals(r.Source.Agency, employer, StringComparison.Ordinal));
            (SourceRecord Source, PerformanceEntry Entry) winner;
            string rule;
            if (byEmployer >= 0)
            {
                winner = raters[byEmployer];
                rule = ProvenanceRules.EmployerOn31Dec;
            }
            else
            {
                winner = raters.OrderBy(r => r.Source, Comparer<SourceRecord>.Create(SourceRecord.CompareLatest)).First();
                rule = ProvenanceRules.LatestRater;
            }

            StewardResolution? resolution = null;
            if (raters.Select(r => r.Entry.Predikat).Distinct().Count() > 1)
            {
                var mismatch = new ProfileConflict(
                    ConflictKinds.PerformanceMismatch, "performance", year,
                    SortCandidates(raters.Select(r => new ConflictCandidate(UpperSnakeCase.Of(r.Entry.Predikat), r.Source.Agency))));
                resolution = decisions.HeldFor(mismatch);
                if (resolution?.ChosenAgencyCode is { } chosen)
                {
                    winner = raters.First(r => string.Equals(r.Source.Agency, chosen, StringComparison.Ordinal));
                    rule = ProvenanceRules.Steward;
                }
                else
                {
                    conflicts.Add(mismatch);
                }
            }

            provenance[string.Create(CultureInfo.InvariantCulture, $"performance.{year}")] = new ProvenanceEntry(winner.Source, rule, resolution);
            years.Add(new YearPerformance(year, winner.Entry.Predikat, winner.Source.Agency));
        }

        return years;
    }

    private static string? EmployerOn(DateOnly day, List<PositionEntry> history, DateOnly evaluationDate)
    {
        PositionEntry? best = null;
        foreach (var entry in history)
        {
            if (entry.From > day || entry.End(evaluationDate) < day)
            {
                continue;
            }

            if (best is null || entry.From > best.From || (entry.From == best.From && string.CompareOrdinal(entry.AgencyCode, best.AgencyCode) < 0))
            {
                best = entry;
            }
        }

        return best?.AgencyCode;
    }

    private static int CompareConflicts(ProfileConflict a, ProfileConflict b)
    {
        var byKind = string.CompareOrdinal(a.Kind, b.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byField = string.CompareOrdinal(a.Field, b.Field);
        if (byField != 0)
        {
            return byField;
        }

        var byYear = Nullable.Compare(a.Year, b.Year);
        return byYear != 0 ? byYear : string.CompareOrdinal(CandidatesKey(a), CandidatesKey(b));
    }

    private static string CandidatesKey(ProfileConflict conflict) =>
        string.Join('\u001e', conflict.Candidates.Select(c => c.AgencyCode + '\u001f' + c.Value));

    private sealed record Picked(string? Value, SourceRecord? Source);

    /// <summary>
    /// The steward resolutions given to a build, and which of them lapsed: a resolution lapses when its conflict is
    /// there and the chosen source (without one, any candidate) now says something else. While its conflict is absent
    /// (the sources agree for now) it stays in force and idle, so that it answers the conflict again if it comes back
    /// unchanged.
    /// </summary>
    private sealed class StewardDecisions(IReadOnlyList<StewardResolution> resolutions)
    {
        private readonly HashSet<Guid> _lapsed = [];

        /// <summary>The resolution that still holds for this conflict, if any; one that answers it but no longer holds lapses.</summary>
        public StewardResolution? HeldFor(ProfileConflict conflict)
        {
            StewardResolution? held = null;
            foreach (var resolution in resolutions.Where(r => r.Answers(conflict)))
            {
                if (held is null && resolution.HoldsFor(conflict))
                {
                    held = resolution;
                }
                else
                {
                    _lapsed.Add(resolution.DecisionId);
                }
            }

            return held;
        }

        public IReadOnlyList<Guid> Lapsed => [.. _lapsed.Order()];
    }
}

/// <summary>
/// Where a field's value came from and the rule that chose it; Source is null for a value a steward typed, Decision
/// names the steward's resolution behind a STEWARD rule.
/// </summary>
internal sealed record ProvenanceEntry(SourceRecord? Source, string Rule, StewardResolution? Decision = null);

/// <summary>The consolidated predikat of a year and the agency whose rating it is.</summary>
internal sealed record YearPerformance(int Year, Predikat Predikat, string AgencyCode);

/// <summary>The data-quality flags of a profile.</summary>
internal sealed record QualityFlags(bool Incomplete, bool Insufficient, bool Stale, bool HasOpenConflicts, bool NoPerformance);
