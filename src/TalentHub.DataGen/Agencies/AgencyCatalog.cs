using TalentHub.DataGen.Reference;
using TalentHub.Domain.Agencies;

namespace TalentHub.DataGen.Agencies;

/// <summary>
/// All agencies of the nation: BKN, central ministries and bodies, the 38 provinces and their regencies and cities in
/// the real counts of provinces.json (DKI Jakarta's six are not agencies).
/// </summary>
public static class AgencyCatalog
{
    public const string JakartaProvince = "31";

    private static readonly (string Code, string Name)[] CentralAgencies =
    [
        ("KEMENKEU", "Kementerian Keuangan"), ("KEMENDAGRI", "Kementerian Dalam Negeri"),
        ("KEMENLU", "Kementerian Luar Negeri"), ("KEMHAN", "Kementerian Pertahanan"),
        ("KEMENKUM", "Kementerian Hukum"), ("KEMENHAM", "Kementerian Hak Asasi Manusia"),
        ("KEMENIMIPAS", "Kementerian Imigrasi dan Pemasyarakatan"), ("KEMENAG", "Kementerian Agama"),
        ("KEMENDIKDASMEN", "Kementerian Pendidikan Dasar dan Menengah"),
        ("KEMDIKTISAINTEK", "Kementerian Pendidikan Tinggi, Sains, dan Teknologi"),
        ("KEMENBUD", "Kementerian Kebudayaan"), ("KEMENKES", "Kementerian Kesehatan"),
        ("KEMENSOS", "Kementerian Sosial"), ("KEMNAKER", "Kementerian Ketenagakerjaan"),
        ("KEMENP2MI", "Kementerian Pelindungan Pekerja Migran Indonesia"), ("KEMENPERIN", "Kementerian Perindustrian"),
        ("KEMENDAG", "Kementerian Perdagangan"), ("KESDM", "Kementerian Energi dan Sumber Daya Mineral"),
        ("KEMENPU", "Kementerian Pekerjaan Umum"), ("KEMENPKP", "Kementerian Perumahan dan Kawasan Permukiman"),
        ("KEMENDESA", "Kementerian Desa dan Pembangunan Daerah Tertinggal"),
        ("KEMENTRANS", "Kementerian Transmigrasi"), ("KEMENHUB", "Kementerian Perhubungan"),
        ("KOMDIGI", "Kementerian Komunikasi dan Digital"), ("KEMENTAN", "Kementerian Pertanian"),
        ("KEMENHUT", "Kementerian Kehutanan"), ("KKP", "Kementerian Kelautan dan Perikanan"),
        ("ATRBPN", "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional"),
        ("BAPPENAS", "Kementerian PPN/Badan Perencanaan Pembangunan Nasional"),
        ("KEMENPANRB", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"),
        ("BUMN", "Kementerian Badan Usaha Milik Negara"), ("KEMENKOP", "Kementerian Koperasi"),
        ("KEMENUMKM", "Kementerian Usaha Mikro, Kecil, dan Menengah"), ("KEMENPAR", "Kementerian Pariwisata"),
        ("KEMENEKRAF", "Kementerian Ekonomi Kreatif"), ("KEMENPPPA", "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak"),
        ("KEMENPORA", "Kementerian Pemuda dan Olahraga"), ("KLH", "Kementerian Lingkungan Hidup"),
        ("KEMENSETNEG", "Kementerian Sekretariat Negara"), ("SETKAB", "Sekretariat Kabinet"),
        ("KEMENKOPOLKAM", "Kementerian Koordinator Bidang Politik dan Keamanan"),
        ("KEMENKOEKON", "Kementerian Koordinator Bidang Perekonomian"),
        ("KEMENKOPMK", "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan"),
        ("KEMENKOINFRA", "Kementerian Koordinator Bidang Infrastruktur dan Pembangunan Kewilayahan"),
        ("KEMENKOPANGAN", "Kementerian Koordinator Bidang Pangan"), ("KEMENKOMARVES", "Kementerian Koordinator Bidang Kemaritiman"),
        ("LAN", "Lembaga Administrasi Negara"), ("ANRI", "Arsip Nasional Republik Indonesia"),
        ("BPS", "Badan Pusat Statistik"), ("BPKP", "Badan Pengawasan Keuangan dan Pembangunan"),
        ("BRIN", "Badan Riset dan Inovasi Nasional"), ("BIG", "Badan Informasi Geospasial"),
        ("BMKG", "Badan Meteorologi, Klimatologi, dan Geofisika"), ("BNPB", "Badan Nasional Penanggulangan Bencana"),
        ("BNN", "Badan Narkotika Nasional"), ("BNPT", "Badan Nasional Penanggulangan Terorisme"),
        ("BPOM", "Badan Pengawas Obat dan Makanan"), ("BSN", "Badan Standardisasi Nasional"),
        ("BAPETEN", "Badan Pengawas Tenaga Nuklir"), ("BSSN", "Badan Siber dan Sandi Negara"),
        ("BAKAMLA", "Badan Keamanan Laut"), ("BASARNAS", "Badan Nasional Pencarian dan Pertolongan"),
        ("BPIP", "Badan Pembinaan Ideologi Pancasila"), ("BKKBN", "Badan Kependudukan dan Keluarga Berencana Nasional"),
        ("BNPP", "Badan Nasional Pengelola Perbatasan"), ("LKPP", "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah"),
        ("PERPUSNAS", "Perpustakaan Nasional"), ("BPK", "Badan Pemeriksa Keuangan"),
        ("MA", "Mahkamah Agung"), ("MK", "Mahkamah Konstitusi"), ("KY", "Komisi Yudisial"),
        ("KPU", "Komisi Pemilihan Umum"), ("BAWASLU", "Badan Pengawas Pemilihan Umum"),
        ("KOMNASHAM", "Komisi Nasional Hak Asasi Manusia"), ("OMBUDSMAN", "Ombudsman Republik Indonesia"),
        ("SETJENDPR", "Sekretariat Jenderal DPR RI"), ("SETJENMPR", "Sekretariat Jenderal MPR RI"),
        ("SETJENDPD", "Sekretariat Jenderal DPD RI"), ("KEJAKSAAN", "Kejaksaan Republik Indonesia"),
        ("BGN", "Badan Gizi Nasional"), ("BPJPH", "Badan Penyelenggara Jaminan Produk Halal"),
    ];

    private static readonly string[] PlaceRoots =
    [
        "Sumber", "Tanjung", "Batu", "Sungai", "Bukit", "Teluk", "Muara", "Pulau", "Air", "Padang",
        "Rantau", "Kuala", "Lubuk", "Gunung", "Tanah", "Labuhan", "Pasir", "Kota", "Way", "Bina",
    ];

    private static readonly string[] PlaceSuffixes =
    [
        "Jaya", "Makmur", "Raya", "Baru", "Indah", "Sari", "Agung", "Mulia", "Permai", "Lestari",
        "Sejahtera", "Timur", "Barat", "Utara", "Selatan", "Tengah", "Hilir", "Hulu", "Emas", "Kencana",
    ];

    /// <summary>Every agency, in a stable order: BKN, central, then per province its government, regencies and cities.</summary>
    public static IReadOnlyList<Agency> All(ReferenceData reference, ulong seed)
    {
        var agencies = new List<Agency> { Create(seed, "BKN", "Badan Kepegawaian Negara", AgencyKind.Central, JakartaProvince, 0) };
        agencies.AddRange(CentralAgencies.Select(c => Create(seed, c.Code, c.Name, AgencyKind.Central, JakartaProvince, 0)));
        foreach (var province in reference.Provinces)
        {
            agencies.Add(Create(seed, AgencyCode.ForProvince(province.Code), $"Pemerintah Provinsi {province.Name}", AgencyKind.Province, province.Code, 0));
            if (province.Code == JakartaProvince)
            {
                continue;
            }

            var cities = province.RegenciesAndCities >= 5 ? Math.Max(1, (int)Math.Round(province.RegenciesAndCities * 0.2)) : 1;
            var regencies = province.RegenciesAndCities - cities;
            for (var r = 1; r <= regencies; r++)
            {
                agencies.Add(Create(seed, $"KAB-{province.Code}{r:D2}", $"Pemerintah Kabupaten {PlaceName(province.Code, r)}", AgencyKind.Regency, province.Code, r));
            }

            for (var c = 1; c <= cities; c++)
            {
                var number = 70 + c;
                agencies.Add(Create(seed, $"KOTA-{province.Code}{number}", $"Pemerintah Kota {PlaceName(province.Code, number)}", AgencyKind.City, province.Code, number));
            }
        }

        return agencies;
    }

    private static string PlaceName(string provinceCode, int number)
    {
        var key = (int.Parse(provinceCode, System.Globalization.CultureInfo.InvariantCulture) * 131) + (number * 17);
        return $"{PlaceRoots[key % PlaceRoots.Length]} {PlaceSuffixes[(key / PlaceRoots.Length) % PlaceSuffixes.Length]}";
    }

    /// <summary>
    /// Relative share of the people: central bodies and provinces are larger than regencies and cities; at national size
    /// central agencies hold 24 % of the people, as BKN counted in November 2025 (README, "The nation it stands for").
    /// </summary>
    private static Agency Create(ulong seed, string code, string name, AgencyKind kind, string province, int regionNumber)
    {
        var baseWeight = code == "BKN" ? 0.5 : kind switch
        {
            AgencyKind.Central => 2.1,
            AgencyKind.Province => 1.75,
            AgencyKind.Regency => 0.9,
            _ => 0.7,
        };
        var factor = 0.4 + (1.2 * Prng.Uniform(seed, Purpose.AgencyWeight, StableHash(code)));
        return new Agency(code, name, kind, province, regionNumber, baseWeight * factor);
    }

    private static long StableHash(string text)
    {
        var hash = 1469598103934665603UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)(hash >> 1);
    }
}
