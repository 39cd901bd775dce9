namespace TalentHub.Domain.Standard;

/// <summary>Position levels (jenjang jabatan) of 01-standard.md; each has its own standard competency levels.</summary>
public enum PositionLevel
{
    JptUtama,
    JptMadya,
    JptPratama,
    Administrator,
    Pengawas,
    Pelaksana,
    FungsionalAhliUtama,
    FungsionalAhliMadya,
    FungsionalAhliMuda,
    FungsionalAhliPertama,
    FungsionalPenyelia,
    FungsionalMahir,
    FungsionalTerampil,
    FungsionalPemula,
}
