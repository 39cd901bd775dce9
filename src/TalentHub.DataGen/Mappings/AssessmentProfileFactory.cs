using TalentHub.DataGen.Agencies;
using TalentHub.DataGen.Reference;

namespace TalentHub.DataGen.Mappings;

/// <summary>
/// Derives each agency's methods, scales and dictionary from its own random stream: 1–5, 1–9 and 0–100 linear
/// scales, banded tables, letter and pass/fail labels; Indonesian or English names, abbreviations, own codes or the
/// national codes themselves; agency-only competencies; and, in about a quarter of the agencies, a deliberate gap.
/// </summary>
public static class AssessmentProfileFactory
{
    public const string Ignore = "IGNORE";

    private static readonly string[] ManagerialCodes = ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1"];

    private static readonly string[] Abbreviations = ["INT", "KS", "KOM", "OPH", "PP", "PDOL", "MP", "PK", "PB"];

    private static readonly string[] AgencyOnlyNames =
    [
        "WAWASAN KEBANGSAAN", "KEARIFAN LOKAL", "BUDAYA KERJA BERAKHLAK", "LITERASI DIGITAL", "INOVASI DAERAH",
        "KEPEMIMPINAN DIGITAL", "Etika Pelayanan", "ORIENTASI MASYARAKAT ADAT",
    ];

    private static readonly string[] TechnicalFamilies = ["KEU", "SDM", "PBJ", "HUK", "TIK", "REN", "KES", "DIK", "PUB"];

    public static AgencyAssessmentProfile Create(ulong seed, PlannedAgency planned, ReferenceData reference)
    {
        var agency = planned.Agency;
        var random = Prng.For(seed, Purpose.AgencyProfile, planned.Index);
        var prefix = agency.ShortCode;
        var gapKind = random.Chance(0.25) ? (UnmappedKind?)random.Next(3) : null;

        var main = MainScale(random, prefix);
        var cact = Scale.Linear($"{prefix}-CACT100", 0, 100, 1);
        var light = Scale.Linear($"{prefix}-SKALA5", 1, 5, 0);
        var methods = ChooseMethods(random);
        var scaleByMethod = methods.ToDictionary(
            m => m,
            m => m switch
            {
                "CACT" => cact,
                "MULTI_RATER" or "SELF_ASSESSMENT" => light,
                _ => main,
            },
            StringComparer.Ordinal);

        var technical = random.Chance(0.5)
            ? Scale.Labelled($"{prefix}-HURUF", [new("A", 5), new("B", 4), new("C", 3), new("D", 2), new("E", 1)], gapKind == UnmappedKind.Label ? "B+" : null)
            : Scale.Labelled($"{prefix}-LULUS", [new("MEMENUHI", 3), new("TIDAK MEMENUHI", 2)], gapKind == UnmappedKind.Label ? "MEMENUHI SEBAGIAN" : null);
        var potential = Scale.Linear($"{prefix}-POTENSI100", 0, 100, 0);

        var style = random.Next(5);
        var competencies = new Dictionary<string, AgencyCompetency>(StringComparer.Ordinal);
        for (var i = 0; i < ManagerialCodes.Length; i++)
        {
            var fact = reference.Competencies.First(c => c.Code == ManagerialCodes[i]);
            var name = style switch
            {
                0 => fact.Aliases[0],
                1 => fact.NameEn!,
                2 => Abbreviations[i],
                3 => $"MK-{i + 1:D2}",
                _ => fact.Code,
            };
            competencies[fact.Code] = new AgencyCompetency(name, fact.Code, Registered: true);
        }

        var families = new[] { random.Pick(TechnicalFamilies), random.Pick(TechnicalFamilies) }.Distinct();
        foreach (var fact in reference.Competencies.Where(c => c.Family is not null && families.Contains(c.Family)))
        {
            var name = random.Chance(0.6) ? fact.Aliases[0] : $"TEK-{fact.Family}-{fact.Code[^2..]}";
            competencies[fact.Code] = new AgencyCompetency(name, fact.Code, Registered: true);
        }

        var agencyOnly = new List<AgencyCompetency>();
        var onlyCount = random.Next(1, 3);
        var start = random.Next(AgencyOnlyNames.Length);
        for (var k = 0; k < onlyCount; k++)
        {
            agencyOnly.Add(new AgencyCompetency(AgencyOnlyNames[(start + k) % AgencyOnlyNames.Length], Ignore, Registered: true));
        }

        if (gapKind == UnmappedKind.Competency)
        {
            agencyOnly[0] = agencyOnly[0] with { NationalCode = null, Registered = false };
        }

        var unregistered = gapKind == UnmappedKind.Scale ? $"{prefix}-SKALA-LAMA" : null;
        return new AgencyAssessmentProfile(methods, scaleByMethod, technical, potential, competencies, agencyOnly, unregistered);
    }

    private static Scale MainScale(Prng random, string prefix) => random.Next(5) switch
    {
        0 => Scale.Linear($"{prefix}-AC5", 1, 5, 0),
        1 => Scale.Linear($"{prefix}-AC9", 1, 9, 0),
        2 => Scale.Linear($"{prefix}-NILAI100", 0, 100, 1),
        3 => Scale.Banded($"{prefix}-TABEL", [new(0, 40, 1), new(40, 55, 2), new(55, 70, 3), new(70, 85, 4), new(85, 100, 5)]),
        _ => Scale.Labelled($"{prefix}-AE", [new("A", 5), new("B", 4), new("C", 3), new("D", 2), new("E", 1)]),
    };

    private static List<string> ChooseMethods(Prng random)
    {
        var methods = new List<string> { random.Chance(0.8) ? "ASSESSMENT_CENTER" : "BEHAVIORAL_INTERVIEW" };
        if (random.Chance(0.6))
        {
            methods.Add("CACT");
        }

        foreach (var optional in new[] { "PORTFOLIO", "MULTI_RATER", "SELF_ASSESSMENT" })
        {
            if (random.Chance(0.3))
            {
                methods.Add(optional);
            }
        }

        return methods;
    }
}
