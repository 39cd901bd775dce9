using System.Globalization;
using TalentHub.DataGen.Agencies;
using TalentHub.DataGen.Difficulties;
using TalentHub.DataGen.Mappings;
using TalentHub.DataGen.Reference;
using TalentHub.Domain.Agencies;
using TalentHub.Domain.Identity;
using TalentHub.Domain.Standard;

namespace TalentHub.DataGen.People;

/// <summary>
/// Generates person n of the dataset from (seed, n) alone. Identity numbers are unique by construction: n is mapped
/// by a seeded bijection to a slot (sequence 1–999, birth day of year, gender, service-start month), and the NIP,
/// the NIK (the month in the district digits) and the name are injective in that slot.
/// </summary>
public sealed class PersonFactory
{
    public const int SlotCount = 999 * 365 * 2 * 12;
    public const int OldestAssessmentYear = 2015;
    public const int MaximumHistory = 8;
    public const int FirstPppkYear = 2019;

    private static readonly PositionLevel[] Levels =
    [
        PositionLevel.JptPratama, PositionLevel.Administrator, PositionLevel.Pengawas, PositionLevel.Pelaksana,
        PositionLevel.FungsionalAhliUtama, PositionLevel.FungsionalAhliMadya, PositionLevel.FungsionalAhliMuda,
        PositionLevel.FungsionalAhliPertama, PositionLevel.FungsionalPenyelia, PositionLevel.FungsionalMahir,
        PositionLevel.FungsionalTerampil, PositionLevel.FungsionalPemula,
    ];

    // Percentages of the dataset (its README): 0.5 JPT, 3 administrator, 8 supervisor, 40 executor, 48.5 functional.
    private static readonly double[] LevelWeights = [0.5, 3, 8, 40, 0.5, 6, 12, 14, 2, 5, 8, 1];

    // Assessed levels: standard + MeanGap + the competency's offset + TalentWeight × talent + CompetencyNoise × noise,
    // rounded and kept in 1–5. The offsets order the competencies as BKN's 2018–2019 JPT Pratama mapping found them
    // (README, "Assessed levels, potential and SKP"); in the order of the levels, M1 … M8, SK1.
    private const double MeanGap = -0.4;
    private const double TalentWeight = 0.6;
    private const double CompetencyNoise = 0.5;
    private static readonly double[] CompetencyOffsets = [0.48, 0, 0.12, -0.24, 0.24, -0.12, -0.48, -0.36, 0.36];

    // Explicit potential on 0–100: mean and spread put about a third below 37.5 (RENDAH) and 23 % from 62.5 (TINGGI).
    // Below the JPM-derived classes on purpose: every assessed person of a level-1 standard meets it, so is TINGGI by JPM.
    private const double PotentialMean = 47;
    private const double PotentialSpread = 20.9;
    private const double PotentialTalentWeight = 0.8;

    // Among the active people assessed at all, the share whose latest assessment is older than every method's validity.
    private const double StaleShare = 0.12;

    // Keeps a fresh assessment fresh for this many days after the as-of date, for a demo run on the wall clock.
    private const int FreshnessMarginDays = 90;

    // SKP: a person's propensity (partly their talent) and a yearly draw; a year's predikat is read from standard-normal
    // quantiles giving 20 % SANGAT_BAIK, 60 % BAIK, 12 % BUTUH_PERBAIKAN, 6 % KURANG, 2 % SANGAT_KURANG.
    private const double PerformanceTalentWeight = 0.3;
    private const double YearToYearWeight = 0.75;
    private static readonly double[] PredikatThresholds = [0.842, -0.842, -1.405, -2.054];
    private static readonly string[] PppkGrades = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"];

    private readonly ulong _seed;
    private readonly AgencyPlan _plan;
    private readonly PersonRoles _roles;
    private readonly ReferenceData _reference;
    private readonly DateOnly _asOf;
    private readonly long _slotMultiplier;
    private readonly long _slotOffset;
    private readonly int[] _agencyOfPerson;
    private readonly IReadOnlyList<AgencyAssessmentProfile> _profiles;
    private readonly int[][] _decisionSlots;
    private readonly int _longestValidity;

    /// <summary>
    /// <paramref name="profiles"/> are the planned agencies' assessment profiles, by agency index: a fresh assessment is
    /// dated within the validity of the method its agency writes it up with.
    /// </summary>
    public PersonFactory(ulong seed, AgencyPlan plan, PersonRoles roles, ReferenceData reference, DateOnly asOf, IReadOnlyList<AgencyAssessmentProfile> profiles)
    {
        if (plan.TotalPeople > SlotCount)
        {
            throw new ArgumentOutOfRangeException(nameof(plan), $"At most {SlotCount} people fit the NIP slots.");
        }

        _seed = seed;
        _plan = plan;
        _roles = roles;
        _reference = reference;
        _asOf = asOf;
        var random = Prng.For(seed, Purpose.Permutation, 0);
        _slotMultiplier = CoprimeNear(SlotCount, random.Next(SlotCount / 3, SlotCount / 2));
        _slotOffset = random.Next(SlotCount);
        _agencyOfPerson = [.. plan.Agencies.Select(a => a.FirstPerson)];
        _profiles = profiles;
        _decisionSlots = [.. profiles.Select(p => Enumerable.Range(0, p.Methods.Count).Where(i => reference.Method(p.Methods[i]).UsedForTalentDecisions).ToArray())];
        _longestValidity = reference.Methods.Max(m => m.ValidYears);
    }

    public int AgencyOf(int person)
    {
        var index = Array.BinarySearch(_agencyOfPerson, person);
        return index >= 0 ? index : ~index - 1;
    }

    public Person Create(int id)
    {
        var home = _plan.Agencies[AgencyOf(id)];
        var role = _roles.RoleOf(id);
        var random = Prng.For(_seed, Purpose.Person, id);

        var slot = (int)(((id * _slotMultiplier) + _slotOffset) % SlotCount);
        var sequence = 1 + (slot % 999);
        var dayOfYear = slot / 999 % 365;
        var gender = slot / (999 * 365) % 2 == 0 ? Gender.M : Gender.F;
        var monthIndex = slot / (999 * 365 * 2);

        var level = ChooseLevel(random, home.Agency.Kind);
        var status = role is PersonRole.Regular ? ChooseStatus(random) : Status.Active;
        // About a third of the nation is PPPK (BKN, January 2026), all of them executors or functional staff.
        var employment = (role is PersonRole.Regular or PersonRole.Invalid) && IsPppkEligible(level) && random.Chance(0.38)
            ? EmploymentType.Pppk
            : EmploymentType.Pns;

        var age = status == Status.Retired ? random.Next(59, 76) : random.Next(MinimumAge(level), MaximumAge(level) + 1);
        var birthYear = _asOf.Year - age;
        var birthDate = new DateOnly(2001, 1, 1).AddDays(dayOfYear);
        birthDate = new DateOnly(birthYear, birthDate.Month, birthDate.Day);

        var activeUntilYear = status == Status.Active ? _asOf.Year : Math.Min(_asOf.Year, birthYear + 58 + random.Next(0, 3));
        var minimumService = MinimumService(level);
        var earliestStart = Math.Max(birthYear + 20, 1975);
        var latestStart = Math.Max(earliestStart, activeUntilYear - 1 - minimumService);
        if (employment == EmploymentType.Pppk)
        {
            earliestStart = Math.Max(earliestStart, FirstPppkYear);
            latestStart = Math.Max(earliestStart, _asOf.Year - 1);
        }

        if (role == PersonRole.FormerPppk)
        {
            earliestStart = Math.Max(earliestStart, FirstPppkYear + 2);
            latestStart = Math.Max(earliestStart, _asOf.Year - 1);
        }

        var serviceYear = Math.Min(random.Next(earliestStart, latestStart + 1), _asOf.Year - 1);
        var serviceStart = new DateOnly(serviceYear, monthIndex + 1, 1);
        var nipMiddle = employment == EmploymentType.Pns ? monthIndex + 1 : 21 + monthIndex;

        var nip = Nip(birthDate, serviceYear, nipMiddle, gender, sequence);
        var nikProvince = home.Agency.Kind == AgencyKind.Central && random.Chance(0.5)
            ? random.Pick(_reference.Provinces).Code
            : home.Agency.ProvinceCode;
        var regency = 1 + random.Next(Math.Max(1, _reference.Provinces.First(p => p.Code == nikProvince).RegenciesAndCities));
        var region = string.Create(CultureInfo.InvariantCulture, $"{nikProvince}{regency:D2}{monthIndex + 1:D2}");
        var nik = Nik(region, birthDate, gender, sequence);
        var otherNik = Nik(region, birthDate, gender, sequence + (1000 * (1 + random.Next(9))));

        var plainName = Names.Plain(NameNumber(monthIndex, sequence), gender);
        var senior = level is PositionLevel.JptPratama or PositionLevel.JptMadya or PositionLevel.JptUtama or PositionLevel.Administrator
            or PositionLevel.FungsionalAhliMadya or PositionLevel.FungsionalAhliUtama;
        var name = Names.WithTitles(plainName, gender, senior, birthYear, random);
        var birthPlace = Places.BirthPlace(random.Chance(0.7) ? nikProvince : random.Pick(_reference.Provinces).Code, random);

        var family = random.Next(Positions.FamilyCount);
        var workProvince = home.Agency.Kind == AgencyKind.Central && random.Chance(0.3) ? random.Pick(_reference.Provinces).Code : home.Agency.ProvinceCode;
        var lastDay = status == Status.Active ? _asOf.AddDays(-1) : new DateOnly(activeUntilYear, 1, 1).AddDays(-1);
        var since = ChooseSince(random, level, serviceStart, lastDay);
        var partner = PersonRoles.HasPartner(role) ? _roles.PartnerOf(id, home) : -1;
        var moveDate = role == PersonRole.Mover ? ChooseMoveDate(random, serviceStart) : (DateOnly?)null;
        if (moveDate is { } move && since < move)
        {
            since = move;
        }

        var current = new Job(Positions.Title(family, level, home.Agency.Kind), level, Positions.Unit(family, home.Agency.Kind), Positions.FamilyCode(family), workProvince, since, null, home.Index);
        var history = BuildHistory(random, current, family, serviceStart, moveDate, partner, home.Agency.Kind);
        var grade = employment == EmploymentType.Pns ? PnsGrade(random, level) : PppkGrade(random, level);

        string? previousNip = null;
        if (role == PersonRole.FormerPppk)
        {
            var pppkYear = random.Next(Math.Max(FirstPppkYear, birthYear + 19), serviceYear + 1);
            previousNip = Nip(birthDate, pppkYear, 21 + monthIndex, gender, sequence);
        }

        string? duplicateNip = null;
        if (role == PersonRole.Duplicate)
        {
            var otherYear = serviceYear + 1 <= _asOf.Year - 1 ? serviceYear + 1 : serviceYear - 1;
            duplicateNip = Nip(birthDate, otherYear, monthIndex + 1, gender, sequence);
        }

        var formerStillActive = role == PersonRole.Mover && random.Chance(0.3);
        string? mismatch = null;
        if ((role == PersonRole.Concurrent || formerStillActive) && random.Chance(0.36))
        {
            mismatch = random.Pick(["name", "nik", "birthPlace"]);
        }

        var talent = random.NextNormal();
        var secondarySince = DateOnly.FromDayNumber(Math.Max(new DateOnly(1990, 1, 1).DayNumber, since.AddDays(-random.Next(60, 1000)).DayNumber));
        return new Person
        {
            Id = id,
            Stream = Prng.Hash(_seed, Purpose.PersonViews, id),
            SecondarySince = secondarySince,
            SecondaryFamily = random.Next(Positions.FamilyCount),
            Role = role,
            HomeAgency = home.Index,
            PartnerAgency = partner,
            Nip = nip,
            Nik = nik,
            OtherNik = otherNik,
            PlainName = plainName,
            Name = name,
            BirthDate = birthDate,
            BirthPlace = birthPlace,
            Gender = gender,
            EmploymentType = employment,
            Status = status,
            Grade = grade,
            ServiceStart = serviceStart,
            Current = current,
            History = history,
            Assessments = BuildAssessments(random, role, status, level, lastDay, moveDate, home.Index, talent),
            Levels = BuildLevels(random, level, talent),
            Performance = BuildPerformance(random, serviceYear, activeUntilYear, talent),
            SourceUpdatedAt = SourceUpdatedAt(random, _asOf.AddDays(-random.Next(1, 180))),
            PreviousNip = previousNip,
            DuplicateNip = duplicateNip,
            DuplicateInSameAgency = role == PersonRole.Duplicate && random.Chance(0.5),
            MoveDate = moveDate,
            FormerStillActive = formerStillActive,
            PerformanceMismatch = role == PersonRole.Mover && random.Chance(0.2),
            IdentityMismatchField = mismatch,
            Defect = role == PersonRole.Invalid ? _roles.DefectOf(id) : null,
        };
    }

    public static DateTimeOffset SourceUpdatedAt(Prng random, DateOnly date) =>
        new(date.ToDateTime(new TimeOnly(7 + random.Next(11), random.Next(60), random.Next(60))), TimeSpan.FromHours(7));

    public static string Nip(DateOnly birthDate, int serviceYear, int middle, Gender gender, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{birthDate:yyyyMMdd}{serviceYear:D4}{middle:D2}{(gender == Gender.M ? 1 : 2)}{sequence:D3}");

    public static string Nik(string region, DateOnly birthDate, Gender gender, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{region}{birthDate.Day + (gender == Gender.F ? NikRules.FemaleDayOffset : 0):D2}{birthDate:MM}{birthDate.Year % 100:D2}{sequence:D4}");

    private static int NameNumber(int monthIndex, int sequence) => (int)(((((monthIndex * 999) + sequence - 1) * 7919L) + 17) % (12 * 999));

    private static long CoprimeNear(long modulus, long start)
    {
        var candidate = start;
        while (System.Numerics.BigInteger.GreatestCommonDivisor(candidate, modulus) != 1)
        {
            candidate++;
        }

        return candidate;
    }

    private PositionLevel ChooseLevel(Prng random, AgencyKind kind)
    {
        var level = Levels[random.PickWeighted(LevelWeights)];
        if (level != PositionLevel.JptPratama)
        {
            return level;
        }

        var u = random.NextDouble();
        return kind switch
        {
            AgencyKind.Central => u < 0.05 ? PositionLevel.JptUtama : u < 0.3 ? PositionLevel.JptMadya : PositionLevel.JptPratama,
            AgencyKind.Province => u < 0.05 ? PositionLevel.JptMadya : PositionLevel.JptPratama,
            _ => PositionLevel.JptPratama,
        };
    }

    private static Status ChooseStatus(Prng random) => random.PickWeighted([96.5, 2.5, 0.3, 0.2, 0.5]) switch
    {
        0 => Status.Active,
        1 => Status.Retired,
        2 => Status.Deceased,
        3 => Status.Dismissed,
        _ => Status.Resigned,
    };

    private static bool IsPppkEligible(PositionLevel level) =>
        level is PositionLevel.Pelaksana or PositionLevel.FungsionalAhliMadya or PositionLevel.FungsionalAhliMuda
            or PositionLevel.FungsionalAhliPertama or PositionLevel.FungsionalMahir or PositionLevel.FungsionalTerampil
            or PositionLevel.FungsionalPemula;

    private static int MinimumAge(PositionLevel level) => level switch
    {
        PositionLevel.JptUtama or PositionLevel.JptMadya or PositionLevel.JptPratama => 44,
        PositionLevel.Administrator or PositionLevel.FungsionalAhliMadya => 38,
        PositionLevel.FungsionalAhliUtama => 50,
        PositionLevel.Pengawas or PositionLevel.FungsionalPenyelia => 32,
        PositionLevel.FungsionalAhliMuda or PositionLevel.FungsionalMahir => 28,
        _ => 21,
    };

    private static int MaximumAge(PositionLevel level) => level switch
    {
        PositionLevel.FungsionalAhliUtama => 64,
        PositionLevel.JptUtama or PositionLevel.JptMadya or PositionLevel.JptPratama or PositionLevel.FungsionalAhliMadya => 59,
        PositionLevel.FungsionalPemula or PositionLevel.FungsionalAhliPertama => 45,
        _ => 57,
    };

    private static int MinimumService(PositionLevel level) => level switch
    {
        PositionLevel.JptUtama or PositionLevel.JptMadya or PositionLevel.JptPratama or PositionLevel.FungsionalAhliUtama => 15,
        PositionLevel.Administrator or PositionLevel.FungsionalAhliMadya => 10,
        PositionLevel.Pengawas or PositionLevel.FungsionalPenyelia or PositionLevel.FungsionalAhliMuda => 5,
        _ => 0,
    };

    private static DateOnly ChooseSince(Prng random, PositionLevel level, DateOnly serviceStart, DateOnly lastDay)
    {
        var maxYears = level is PositionLevel.JptUtama or PositionLevel.JptMadya or PositionLevel.JptPratama ? 7 : 12;
        var earliest = DateOnly.FromDayNumber(Math.Max(serviceStart.DayNumber, lastDay.AddYears(-maxYears).DayNumber));
        return earliest >= lastDay ? lastDay : DateOnly.FromDayNumber(random.Next(earliest.DayNumber, lastDay.DayNumber + 1));
    }

    private DateOnly ChooseMoveDate(Prng random, DateOnly serviceStart)
    {
        var earliest = Math.Max(serviceStart.AddYears(1).DayNumber, _asOf.AddYears(-6).DayNumber);
        var latest = _asOf.AddDays(-60).DayNumber;
        return DateOnly.FromDayNumber(earliest >= latest ? latest : random.Next(earliest, latest + 1));
    }

    private List<Job> BuildHistory(Prng random, Job current, int currentFamily, DateOnly serviceStart, DateOnly? moveDate, int formerAgency, AgencyKind kind)
    {
        var history = new List<Job>();
        var to = current.From.AddDays(-1);
        var level = current.Level;
        while (to > serviceStart && history.Count < MaximumHistory)
        {
            level = Positions.Previous(level);
            var from = DateOnly.FromDayNumber(Math.Max(serviceStart.DayNumber, to.AddYears(-random.Next(2, 8)).DayNumber));
            var agency = moveDate is { } move && to < move ? formerAgency : current.AgencyIndex;
            var agencyKind = agency == current.AgencyIndex ? kind : _plan.Agencies[agency].Agency.Kind;
            var family = random.Chance(0.8) ? currentFamily : random.Next(Positions.FamilyCount);
            if (moveDate is { } m && from < m && to >= m)
            {
                from = m;
            }

            var province = agency == current.AgencyIndex ? current.Province : _plan.Agencies[agency].Agency.ProvinceCode;
            history.Add(new Job(Positions.Title(family, level, agencyKind), level, Positions.Unit(family, agencyKind), Positions.FamilyCode(family), province, from, to, agency));
            to = from.AddDays(-1);
        }

        return history;
    }

    /// <summary>
    /// The share of people of a level never assessed yet: talent mapping starts with leaders, so executors and junior
    /// functional staff wait longest.
    /// </summary>
    private static double NeverAssessedShare(PositionLevel level) => level switch
    {
        PositionLevel.JptUtama or PositionLevel.JptMadya or PositionLevel.JptPratama => 0.02,
        PositionLevel.Administrator or PositionLevel.FungsionalAhliUtama or PositionLevel.FungsionalAhliMadya => 0.04,
        PositionLevel.Pengawas or PositionLevel.FungsionalAhliMuda or PositionLevel.FungsionalPenyelia => 0.08,
        _ => 0.14,
    };

    /// <summary>
    /// None for the never assessed (an invalid record keeps one: its defect may be planted in it). An active person's
    /// latest assessment is fresh (a talent-decision method of the agency, mostly its main one, within that method's
    /// validity and after a move) or, for <see cref="StaleShare"/> of them, older than any method's validity; earlier
    /// ones are two to four years apart. Every assessment-centre and CACT assessment carries an explicit potential.
    /// </summary>
    private List<AssessmentEvent> BuildAssessments(Prng random, PersonRole role, Status status, PositionLevel level, DateOnly lastDay, DateOnly? moveDate, int homeAgency, double talent)
    {
        if (role != PersonRole.Invalid && random.Chance(NeverAssessedShare(level)))
        {
            return [];
        }

        var count = 1 + random.PickWeighted([0.25, 0.45, 0.30]);
        var potential = PotentialMean + (PotentialSpread * ((PotentialTalentWeight * talent) + (Math.Sqrt(1 - (PotentialTalentWeight * PotentialTalentWeight)) * random.NextNormal())));
        var slot = random.Next(100);
        DateOnly date;
        if (status != Status.Active)
        {
            date = lastDay.AddDays(-random.Next(0, 4 * 365));
        }
        else if (random.Chance(StaleShare))
        {
            date = _asOf.AddYears(-_longestValidity).AddDays(-random.Next(1, 2 * 365));
        }
        else
        {
            var decisions = _decisionSlots[homeAgency];
            slot = random.Chance(0.85) ? 0 : decisions[random.Next(decisions.Length)];
            var validYears = _reference.Method(_profiles[homeAgency].Methods[slot]).ValidYears;
            var earliest = Math.Max(_asOf.AddYears(-validYears).AddDays(FreshnessMarginDays).DayNumber, (moveDate ?? DateOnly.MinValue).DayNumber);
            date = DateOnly.FromDayNumber(random.Next(earliest, lastDay.DayNumber + 1));
        }

        var events = new List<AssessmentEvent>(count);
        for (var i = 0; i < count; i++)
        {
            if (date.Year < OldestAssessmentYear)
            {
                break;
            }

            var score = (int)Math.Clamp(Math.Round(potential, MidpointRounding.AwayFromZero) + random.Next(-3, 4), 0, 100);
            events.Add(new AssessmentEvent(date, slot, random.Next(1, 10_000), score, random.Chance(0.6), random.Chance(0.3), random.Chance(0.1)));
            date = date.AddDays(-random.Next(2 * 365, 4 * 365));
            slot = random.Next(100);
        }

        return events;
    }

    /// <summary>The true levels: the nine of the JPM, then three technical ones (their standard is the same by default).</summary>
    private int[] BuildLevels(Prng random, PositionLevel level, double talent)
    {
        var standard = _reference.StandardLevels[level];
        var levels = new int[12];
        for (var i = 0; i < levels.Length; i++)
        {
            var (required, offset) = i < standard.Length ? (standard[i], CompetencyOffsets[i]) : (standard[0], 0.0);
            var value = required + MeanGap + offset + (TalentWeight * talent) + (CompetencyNoise * random.NextNormal());
            levels[i] = Math.Clamp((int)Math.Round(value, MidpointRounding.AwayFromZero), 1, 5);
        }

        return levels;
    }

    private List<PerformanceYear> BuildPerformance(Prng random, int serviceYear, int activeUntilYear, double talent)
    {
        var propensity = (PerformanceTalentWeight * talent) + (Math.Sqrt(1 - (PerformanceTalentWeight * PerformanceTalentWeight)) * random.NextNormal());
        var years = new List<PerformanceYear>();
        for (var year = activeUntilYear - 1; year >= Math.Max(serviceYear + 1, _asOf.Year - 5); year--)
        {
            var draw = (YearToYearWeight * propensity) + (Math.Sqrt(1 - (YearToYearWeight * YearToYearWeight)) * random.NextNormal());
            var predikat = PredikatOf(draw);
            var form = year >= 2022 ? (random.Chance(0.35) ? 1 : 0) : (random.Chance(0.5) ? 2 : 0);
            years.Add(new PerformanceYear(year, predikat, form, LegacyScore(random, predikat), random.Next(2)));
        }

        return years;
    }

    private static Predikat PredikatOf(double draw)
    {
        var below = 0;
        while (below < PredikatThresholds.Length && draw < PredikatThresholds[below])
        {
            below++;
        }

        return (Predikat)below;
    }

    private static decimal LegacyScore(Prng random, Predikat predikat)
    {
        var (low, high) = predikat switch
        {
            Predikat.SangatBaik => (910, 1000),
            Predikat.Baik => (760, 909),
            Predikat.ButuhPerbaikan => (610, 759),
            Predikat.Kurang => (510, 609),
            _ => (300, 509),
        };
        return random.Next(low, high + 1) / 10m;
    }

    private string PnsGrade(Prng random, PositionLevel level)
    {
        var (low, high) = level switch
        {
            PositionLevel.JptUtama => (15, 16),
            PositionLevel.JptMadya => (14, 16),
            PositionLevel.JptPratama => (13, 15),
            PositionLevel.Administrator => (11, 13),
            PositionLevel.Pengawas => (9, 12),
            PositionLevel.Pelaksana => (4, 10),
            PositionLevel.FungsionalAhliUtama => (15, 16),
            PositionLevel.FungsionalAhliMadya => (12, 14),
            PositionLevel.FungsionalAhliMuda or PositionLevel.FungsionalPenyelia => (10, 11),
            PositionLevel.FungsionalAhliPertama => (8, 9),
            PositionLevel.FungsionalMahir => (8, 10),
            PositionLevel.FungsionalTerampil => (5, 7),
            _ => (4, 4),
        };
        return _reference.PnsGrades[random.Next(low, high + 1)];
    }

    private static string PppkGrade(Prng random, PositionLevel level)
    {
        var (low, high) = level switch
        {
            PositionLevel.FungsionalAhliUtama => (13, 14),
            PositionLevel.FungsionalAhliMadya => (11, 12),
            PositionLevel.FungsionalAhliMuda => (9, 10),
            PositionLevel.FungsionalAhliPertama => (8, 8),
            PositionLevel.FungsionalMahir => (7, 7),
            PositionLevel.FungsionalTerampil => (6, 6),
            _ => (4, 6),
        };
        return PppkGrades[random.Next(low, high + 1)];
    }
}
