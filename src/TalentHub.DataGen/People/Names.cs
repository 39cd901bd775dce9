using TalentHub.Domain.Identity;

namespace TalentHub.DataGen.People;

/// <summary>
/// Indonesian names. A name is an injective function of a number below <see cref="Capacity"/> (first, middle and
/// last part), so that two people with the same birth date never share a name by accident: the only same-name
/// pairs of the dataset are the planted duplicates.
/// </summary>
public static class Names
{
    private static readonly string[] MaleFirst =
    [
        "Agus", "Budi", "Joko", "Ahmad", "Muhammad", "Andi", "Bambang", "Dedi", "Eko", "Fajar",
        "Hadi", "Hendra", "Irfan", "Iwan", "Rudi", "Rizky", "Slamet", "Teguh", "Wahyu", "Yusuf",
        "Arif", "Bayu", "Dimas", "Edi", "Gilang", "Hasan", "Imam", "Kurnia", "Lukman", "Made",
        "Nyoman", "Putu", "Ketut", "Rahmat", "Syahrul", "Taufik", "Umar", "Yohanes", "Zainal", "Sutrisno",
    ];

    private static readonly string[] FemaleFirst =
    [
        "Siti", "Sri", "Dewi", "Ani", "Ratna", "Wulan", "Rina", "Yuni", "Fitri", "Indah",
        "Lestari", "Maria", "Nurul", "Putri", "Rahma", "Sari", "Tuti", "Utami", "Wati", "Yanti",
        "Ayu", "Dian", "Endang", "Fransiska", "Hartini", "Intan", "Kartika", "Lina", "Mega", "Novi",
        "Ni Luh", "Ni Made", "Oktaviani", "Purwanti", "Rosa", "Suryani", "Tri", "Vina", "Yohana", "Zahra",
    ];

    private static readonly string[] MaleMiddle =
        [string.Empty, "Adi", "Dwi", "Tri", "Eka", "Nur", "Prasetya", "Yoga", "Surya", "Hari", "Indra", "Aji"];

    private static readonly string[] FemaleMiddle =
        [string.Empty, "Nur", "Dwi", "Eka", "Puspita", "Kusuma", "Ratih", "Anggun", "Setya", "Widya", "Citra", "Ayuning"];

    private static readonly string[] MaleLast =
    [
        "Santoso", "Wibowo", "Setiawan", "Prasetyo", "Hidayat", "Nugroho", "Saputra", "Kurniawan", "Gunawan", "Siregar",
        "Nasution", "Lubis", "Harahap", "Simanjuntak", "Pratama", "Firmansyah", "Hakim", "Suharto", "Wijaya", "Permana",
        "Tambunan", "Rangkuti", "Manurung", "Sitompul", "Hutapea",
    ];

    private static readonly string[] FemaleLast =
    [
        "Rahmawati", "Lestari", "Rahayu", "Wulandari", "Anggraini", "Safitri", "Handayani", "Puspitasari", "Kusumawati", "Siregar",
        "Nasution", "Lubis", "Harahap", "Simanjuntak", "Permatasari", "Susanti", "Hidayati", "Setyaningsih", "Wijayanti", "Maharani",
        "Purnamasari", "Novitasari", "Damayanti", "Kristiani", "Hutapea",
    ];

    private static readonly string[] PrefixTitles = ["Dr.", "Ir.", "Drs.", "Dra.", "H.", "Hj."];

    private static readonly string[] SuffixTitles =
        ["S.E.", "S.H.", "S.Kom.", "S.T.", "S.Pd.", "S.Sos.", "S.I.P.", "S.Ag.", "S.Psi.", "S.Kep.", "S.Si.", "S.P.", "S.K.M.", "S.Tr.", "A.Md."];

    private static readonly string[] MasterTitles = ["M.Si.", "M.M.", "M.Kom.", "M.T.", "M.Pd.", "M.H.", "M.A.P.", "M.Ak.", "M.Kes.", "M.Sc."];

    public static int Capacity => MaleFirst.Length * MaleMiddle.Length * MaleLast.Length;

    public static string Plain(int number, Gender gender)
    {
        var first = gender == Gender.M ? MaleFirst : FemaleFirst;
        var middle = gender == Gender.M ? MaleMiddle : FemaleMiddle;
        var last = gender == Gender.M ? MaleLast : FemaleLast;
        var f = first[number % first.Length];
        var m = middle[(number / first.Length) % middle.Length];
        var l = last[number / (first.Length * middle.Length) % last.Length];
        return m.Length == 0 ? $"{f} {l}" : $"{f} {m} {l}";
    }

    /// <summary>The name with academic or honorific titles, more often for senior people.</summary>
    public static string WithTitles(string plain, Gender gender, bool senior, int birthYear, Prng random)
    {
        var name = plain;
        if (random.Chance(senior ? 0.75 : 0.35))
        {
            name = $"{name}, {random.Pick(SuffixTitles)}";
            if (random.Chance(senior ? 0.6 : 0.1))
            {
                name = $"{name}, {random.Pick(MasterTitles)}";
            }
        }

        if (random.Chance(senior ? 0.15 : 0.03))
        {
            var prefix = random.Pick(PrefixTitles);
            var fitting = (prefix, gender, birthYear < 1975) switch
            {
                ("Drs.", Gender.F, _) => "Dra.",
                ("Dra.", Gender.M, _) => "Drs.",
                ("H.", Gender.F, _) => "Hj.",
                ("Hj.", Gender.M, _) => "H.",
                ("Drs." or "Dra.", _, false) => "Dr.",
                _ => prefix,
            };
            name = $"{fitting} {name}";
        }

        return name;
    }

    /// <summary>
    /// The same name in the old (pre-1972) spelling, as another agency's system may hold it: oe for u, dj for j,
    /// tj for c. The old spellings never occur in the lists, so the variant never collides with another person.
    /// </summary>
    public static string OldSpelling(string plain)
    {
        var variant = plain.Replace("u", "oe", StringComparison.Ordinal).Replace("j", "dj", StringComparison.Ordinal).Replace("c", "tj", StringComparison.Ordinal);
        return variant == plain ? $"{plain}h" : variant;
    }
}
