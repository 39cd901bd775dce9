using TalentHub.Domain.Agencies;
using TalentHub.Domain.Standard;

namespace TalentHub.DataGen.People;

/// <summary>Position titles and units by job family, level and kind of agency.</summary>
public static class Positions
{
    private sealed record Family(string Code, string Topic, string RegionalUnit, string CentralUnit, string Functional, string Executor);

    private static readonly Family[] Families =
    [
        new("KEU", "Anggaran", "Badan Pengelolaan Keuangan dan Aset Daerah", "Biro Keuangan", "Analis Pengelolaan Keuangan APBN", "Pengelola Keuangan"),
        new("SDM", "Kepegawaian", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Biro Sumber Daya Manusia", "Analis Sumber Daya Manusia Aparatur", "Pengadministrasi Kepegawaian"),
        new("PBJ", "Pengadaan", "Bagian Pengadaan Barang dan Jasa", "Biro Umum dan Pengadaan", "Pengelola Pengadaan Barang/Jasa", "Pengadministrasi Pengadaan"),
        new("HUK", "Hukum", "Bagian Hukum", "Biro Hukum", "Perancang Peraturan Perundang-undangan", "Pengolah Data Hukum"),
        new("TIK", "Informatika", "Dinas Komunikasi dan Informatika", "Pusat Data dan Informasi", "Pranata Komputer", "Pengelola Sistem Informasi"),
        new("REN", "Perencanaan", "Badan Perencanaan Pembangunan Daerah", "Biro Perencanaan", "Perencana", "Pengolah Data Perencanaan"),
        new("KES", "Kesehatan", "Dinas Kesehatan", "Direktorat Pelayanan Kesehatan", "Perawat", "Pengadministrasi Kesehatan"),
        new("DIK", "Pendidikan", "Dinas Pendidikan", "Direktorat Pendidikan", "Guru", "Pengadministrasi Sekolah"),
        new("PUB", "Infrastruktur", "Dinas Pekerjaan Umum dan Penataan Ruang", "Direktorat Bina Teknik", "Teknik Jalan dan Jembatan", "Pengawas Lapangan"),
    ];

    public static int FamilyCount => Families.Length;

    public static string FamilyCode(int family) => Families[family].Code;

    public static string Unit(int family, AgencyKind kind) =>
        kind == AgencyKind.Central ? Families[family].CentralUnit : Families[family].RegionalUnit;

    public static string Title(int family, PositionLevel level, AgencyKind kind)
    {
        var f = Families[family];
        return level switch
        {
            PositionLevel.JptUtama => "Sekretaris Jenderal",
            PositionLevel.JptMadya => kind == AgencyKind.Central ? $"Direktur Jenderal {f.Topic}" : "Sekretaris Daerah",
            PositionLevel.JptPratama => kind == AgencyKind.Central ? $"Direktur {f.Topic}" : $"Kepala {f.RegionalUnit}",
            PositionLevel.Administrator => $"Kepala Bidang {f.Topic}",
            PositionLevel.Pengawas => $"Kepala Seksi {f.Topic}",
            PositionLevel.Pelaksana => f.Executor,
            _ => $"{f.Functional} {Rung(level)}",
        };
    }

    /// <summary>The level of the job held before one at this level, one rung down the same ladder.</summary>
    public static PositionLevel Previous(PositionLevel level) => level switch
    {
        PositionLevel.JptUtama => PositionLevel.JptMadya,
        PositionLevel.JptMadya => PositionLevel.JptPratama,
        PositionLevel.JptPratama => PositionLevel.Administrator,
        PositionLevel.Administrator => PositionLevel.Pengawas,
        PositionLevel.Pengawas => PositionLevel.Pelaksana,
        PositionLevel.FungsionalAhliUtama => PositionLevel.FungsionalAhliMadya,
        PositionLevel.FungsionalAhliMadya => PositionLevel.FungsionalAhliMuda,
        PositionLevel.FungsionalAhliMuda => PositionLevel.FungsionalAhliPertama,
        PositionLevel.FungsionalPenyelia => PositionLevel.FungsionalMahir,
        PositionLevel.FungsionalMahir => PositionLevel.FungsionalTerampil,
        PositionLevel.FungsionalTerampil => PositionLevel.FungsionalPemula,
        _ => level,
    };

    private static string Rung(PositionLevel level) => level switch
    {
        PositionLevel.FungsionalAhliUtama => "Ahli Utama",
        PositionLevel.FungsionalAhliMadya => "Ahli Madya",
        PositionLevel.FungsionalAhliMuda => "Ahli Muda",
        PositionLevel.FungsionalAhliPertama => "Ahli Pertama",
        PositionLevel.FungsionalPenyelia => "Penyelia",
        PositionLevel.FungsionalMahir => "Mahir",
        PositionLevel.FungsionalTerampil => "Terampil",
        _ => "Pemula",
    };
}
