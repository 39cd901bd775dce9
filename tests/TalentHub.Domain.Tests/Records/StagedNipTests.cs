using System.Text;
using FsCheck;
using FsCheck.Xunit;
using TalentHub.Domain.Records;
using static TalentHub.Domain.Tests.Records.RecordSamples;

namespace TalentHub.Domain.Tests.Records;

/// <summary>
/// The NIP read at staging decides the duplicate rule before validation: wherever the validator reads a NIP, the staged
/// NIP is the same, so an accepted record is never left out of the rule.
/// </summary>
public class StagedNipTests
{
    private static readonly byte[] FullRecordBytes = Encoding.UTF8.GetBytes(FullRecord);

    [Theory]
    [InlineData("""{"nip":"198503152010012001"}""", "198503152010012001")]
    [InlineData("""  {"name":"x","nip":"1"}  """, "1")]
    [InlineData("""{"a":{"nip":"2"},"nip":"1","b":[{"nip":"3"}]}""", "1")]
    [InlineData("""{"nip":"\u0031\u0039"}""", "19")]
    [InlineData("\uFEFF{\"nip\":\"7\"}", "7")]
    public void A_well_formed_object_names_its_top_level_nip_string(string json, string nip) =>
        Assert.Equal(nip, StagedNip.Read(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"nip":198503152010012001}""")]
    [InlineData("""{"nip":null}""")]
    [InlineData("""{"a":{"nip":"2"}}""")]
    [InlineData("""["nip","1"]""")]
    [InlineData("""{"nip":"1"} x""")]
    [InlineData("""{"nip":"1",}""")]
    [InlineData("""{"nip":"1" """)]
    [InlineData("""{"nip":"\uD800"}""")]
    [InlineData("")]
    public void Anything_else_names_no_nip(string json) =>
        Assert.Null(StagedNip.Read(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Nesting_past_the_record_depth_limit_names_no_nip()
    {
        var deep = "{\"nip\":\"1\",\"a\":" + new string('[', RecordValidator.MaxDepth) + new string(']', RecordValidator.MaxDepth) + "}";

        Assert.Null(StagedNip.Read(Encoding.UTF8.GetBytes(deep)));
        Assert.Null(Validate(deep).Nip);
    }

    [Property(MaxTest = 3000)]
    public bool Wherever_the_validator_reads_a_nip_the_staged_nip_is_the_same(NonNegativeInt position, byte value, NonNegativeInt cut)
    {
        var bytes = (byte[])FullRecordBytes.Clone();
        bytes[position.Get % bytes.Length] = value;
        var record = bytes.AsSpan(0, bytes.Length - (cut.Get % 3 == 0 ? cut.Get % bytes.Length : 0));

        var validated = RecordValidator.Validate(record, Context).Nip;

        return validated is null || validated == StagedNip.Read(record);
    }

    [Property(MaxTest = 2000)]
    public bool Any_nip_string_is_read_alike(string? nip)
    {
        var json = FullRecord.Replace("\"198503152010012002\"", System.Text.Json.JsonSerializer.Serialize(nip ?? ""), StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(json);

        var validated = RecordValidator.Validate(bytes, Context).Nip;

        return validated is null || validated == StagedNip.Read(bytes);
    }
}
