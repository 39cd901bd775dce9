namespace TalentHub.Domain.Standard;

/// <summary>Position levels (jenjang jabatan) of the national standard (docs/domain/standard.md#position-levels); each has its own standard competency levels.</summary>
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
