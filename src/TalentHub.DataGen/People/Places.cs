namespace TalentHub.DataGen.People;

/// <summary>Birth places (cities) per province code.</summary>
public static class Places
{
    private static readonly Dictionary<string, string[]> CitiesByProvince = new(StringComparer.Ordinal)
    {
        ["11"] = ["Banda Aceh", "Lhokseumawe", "Langsa"], ["12"] = ["Medan", "Pematangsiantar", "Sibolga"],
        ["13"] = ["Padang", "Bukittinggi", "Payakumbuh"], ["14"] = ["Pekanbaru", "Dumai"], ["15"] = ["Jambi", "Sungai Penuh"],
        ["16"] = ["Palembang", "Lubuklinggau", "Prabumulih"], ["17"] = ["Bengkulu", "Curup"], ["18"] = ["Bandar Lampung", "Metro"],
        ["19"] = ["Pangkalpinang", "Tanjung Pandan"], ["21"] = ["Tanjungpinang", "Batam"], ["31"] = ["Jakarta"],
        ["32"] = ["Bandung", "Bogor", "Cirebon", "Tasikmalaya"], ["33"] = ["Semarang", "Surakarta", "Magelang", "Pekalongan"],
        ["34"] = ["Yogyakarta", "Sleman", "Bantul"], ["35"] = ["Surabaya", "Malang", "Kediri", "Madiun"], ["36"] = ["Serang", "Tangerang", "Cilegon"],
        ["51"] = ["Denpasar", "Singaraja", "Tabanan"], ["52"] = ["Mataram", "Bima"], ["53"] = ["Kupang", "Ende", "Maumere"],
        ["61"] = ["Pontianak", "Singkawang"], ["62"] = ["Palangka Raya", "Sampit"], ["63"] = ["Banjarmasin", "Banjarbaru"],
        ["64"] = ["Samarinda", "Balikpapan"], ["65"] = ["Tanjung Selor", "Tarakan"], ["71"] = ["Manado", "Tomohon", "Bitung"],
        ["72"] = ["Palu", "Poso"], ["73"] = ["Makassar", "Parepare", "Palopo"], ["74"] = ["Kendari", "Baubau"], ["75"] = ["Gorontalo"],
        ["76"] = ["Mamuju", "Majene"], ["81"] = ["Ambon", "Tual"], ["82"] = ["Ternate", "Tidore"], ["91"] = ["Jayapura", "Biak"],
        ["92"] = ["Manokwari", "Fakfak"], ["93"] = ["Merauke"], ["94"] = ["Nabire", "Timika"], ["95"] = ["Wamena"], ["96"] = ["Sorong"],
    };

    public static string BirthPlace(string provinceCode, Prng random) => random.Pick(CitiesByProvince[provinceCode]);
}
