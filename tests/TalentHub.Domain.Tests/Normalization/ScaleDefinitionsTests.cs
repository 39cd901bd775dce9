using TalentHub.Domain.Normalization;

namespace TalentHub.Domain.Tests.Normalization;

public class ScaleDefinitionsTests
{
    private static ParsedScale Parse(string json) => ScaleDefinitions.Parse(Json.Of(json));

    private static T Valid<T>(string json)
        where T : ScaleDefinition
    {
        var parsed = Parse(json);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return Assert.IsType<T>(parsed.Definition);
    }

    /// <summary>The body is refused with an error at exactly the given fields.</summary>
    private static void Invalid(string json, params string[] fields)
    {
        var parsed = Parse(json);
        Assert.Null(parsed.Definition);
        Assert.Null(parsed.AppliesFrom);
        Assert.Equal(fields.Order(StringComparer.Ordinal), parsed.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(parsed.Errors.Values, messages => Assert.All(messages, message => Assert.False(string.IsNullOrWhiteSpace(message))));
    }

    [Fact]
    public void A_linear_body_parses_with_its_applies_from()
    {
        var parsed = Parse("{'kind':'LINEAR','min':0,'max':100,'higherIsBetter':false,'appliesFrom':'2026-01-01'}");

        Assert.Equal(new LinearScale(0, 100, HigherIsBetter: false), parsed.Definition);
        Assert.Equal(new DateOnly(2026, 1, 1), parsed.AppliesFrom);
        Assert.Empty(parsed.Errors);
    }

    [Fact]
    public void Higher_is_better_defaults_to_true_and_applies_from_to_none()
    {
        var parsed = Parse("{'kind':'LINEAR','min':-5.5,'max':5.5,'appliesFrom':null}");

        Assert.Equal(new LinearScale(-5.5m, 5.5m, HigherIsBetter: true), parsed.Definition);
        Assert.Null(parsed.AppliesFrom);
    }

    [Fact]
    public void A_bands_body_parses_in_order()
    {
        var bands = Valid<BandsScale>("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':1},{'from':60,'to':100,'level':2}]}");

        Assert.Equal([new Band(0, 60, 1), new Band(60, 100, 2)], bands.Bands);
    }

    [Fact]
    public void A_labels_body_keeps_the_labels_as_written()
    {
        var labels = Valid<LabelsScale>("{'kind':'LABELS','labels':{'Memenuhi':3,'TIDAK_MEMENUHI':2}}");

        Assert.Equal(3, labels.Labels["Memenuhi"]);
        Assert.Equal(2, labels.Labels["TIDAK_MEMENUHI"]);
        Assert.Equal(2, labels.Labels.Count);
    }

    [Theory]
    [InlineData("[]", "$")]
    [InlineData("'LINEAR'", "$")]
    [InlineData("{}", "kind")]
    [InlineData("{'kind':null}", "kind")]
    [InlineData("{'kind':'linear','min':0,'max':1}", "kind")]
    [InlineData("{'kind':'RANGE'}", "kind")]
    [InlineData("{'kind':5}", "kind")]
    [InlineData("{'Kind':'LINEAR','min':0,'max':1}", "kind", "Kind")]
    public void The_kind_is_required_and_exact(string json, params string[] fields) => Invalid(json, fields);

    [Theory]
    [InlineData("{'kind':'LINEAR','max':100}", "min")]
    [InlineData("{'kind':'LINEAR','min':0}", "max")]
    [InlineData("{'kind':'LINEAR','min':'0','max':100}", "min")]
    [InlineData("{'kind':'LINEAR','min':0,'max':100,'higherIsBetter':'yes'}", "higherIsBetter")]
    [InlineData("{'kind':'LINEAR','min':100,'max':100}", "max")]
    [InlineData("{'kind':'LINEAR','min':100,'max':0}", "max")]
    [InlineData("{'kind':'LINEAR','min':0,'max':1e13}", "max")]
    [InlineData("{'kind':'LINEAR','min':0,'max':100,'bands':[]}", "bands")]
    [InlineData("{'kind':'LINEAR','min':0,'max':100,'step':1}", "step")]
    [InlineData("{'kind':'LINEAR','min':0,'min':1,'max':100}", "min")]
    public void Linear_rules(string json, string field) => Invalid(json, field);

    [Theory]
    [InlineData("{'kind':'LINEAR','min':0,'max':100,'appliesFrom':'2026-02-30'}")]
    [InlineData("{'kind':'LINEAR','min':0,'max':100,'appliesFrom':'01/01/2026'}")]
    [InlineData("{'kind':'LINEAR','min':0,'max':100,'appliesFrom':20260101}")]
    public void Applies_from_is_a_real_iso_date(string json) => Invalid(json, "appliesFrom");

    [Theory]
    [InlineData("{'kind':'BANDS'}", "bands")]
    [InlineData("{'kind':'BANDS','bands':{}}", "bands")]
    [InlineData("{'kind':'BANDS','bands':[]}", "bands")]
    [InlineData("{'kind':'BANDS','bands':[1]}", "bands[0]")]
    [InlineData("{'kind':'BANDS','bands':[{'to':60,'level':1}]}", "bands[0].from")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'level':1}]}", "bands[0].to")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60}]}", "bands[0].level")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':1,'label':'x'}]}", "bands[0].label")]
    [InlineData("{'kind':'BANDS','bands':[{'from':60,'to':60,'level':1}]}", "bands[0].to")]
    [InlineData("{'kind':'BANDS','bands':[{'from':70,'to':60,'level':1}]}", "bands[0].to")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':0}]}", "bands[0].level")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':6}]}", "bands[0].level")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':2.5}]}", "bands[0].level")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':'1'}]}", "bands[0].level")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':1},{'from':61,'to':100,'level':2}]}", "bands[1].from")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':1},{'from':59.99,'to':100,'level':2}]}", "bands[1].from")]
    [InlineData("{'kind':'BANDS','bands':[{'from':60,'to':100,'level':2},{'from':0,'to':60,'level':1}]}", "bands[1].from", "bands[1].level")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':3},{'from':60,'to':100,'level':2}]}", "bands[1].level")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':50,'level':1},{'from':50,'to':60,'level':2},{'from':65,'to':100,'level':3}]}", "bands[2].from")]
    public void Bands_rules(string json, params string[] fields) => Invalid(json, fields);

    [Fact]
    public void At_most_200_bands()
    {
        static string Bands(int count) =>
            "{'kind':'BANDS','bands':[" + string.Join(",", Enumerable.Range(0, count).Select(i => $"{{'from':{i},'to':{i + 1},'level':{1 + (i * 5 / count)}}}")) + "]}";

        Assert.Equal(200, Valid<BandsScale>(Bands(200)).Bands.Count);
        Invalid(Bands(201), "bands");
    }

    [Theory]
    [InlineData("{'kind':'LABELS'}", "labels")]
    [InlineData("{'kind':'LABELS','labels':[]}", "labels")]
    [InlineData("{'kind':'LABELS','labels':{}}", "labels")]
    [InlineData("{'kind':'LABELS','labels':{'A':0}}", "labels.A")]
    [InlineData("{'kind':'LABELS','labels':{'A':6}}", "labels.A")]
    [InlineData("{'kind':'LABELS','labels':{'A':'5'}}", "labels.A")]
    [InlineData("{'kind':'LABELS','labels':{'A':4.5}}", "labels.A")]
    [InlineData("{'kind':'LABELS','labels':{'A':5,'B':4,'b':3}}", "labels.b")]
    [InlineData("{'kind':'LABELS','labels':{'SANGAT BAIK':5,' sangat  baik ':4}}", "labels. sangat  baik ")]
    [InlineData("{'kind':'LABELS','labels':{'A':5,'A':4}}", "labels.A")]
    [InlineData("{'kind':'LABELS','labels':{'':5}}", "labels.")]
    [InlineData("{'kind':'LABELS','labels':{'  ':5}}", "labels.  ")]
    [InlineData("{'kind':'LABELS','labels':{'A\\u0001':5}}", "labels.A\u0001")]
    [InlineData("{'kind':'LABELS','labels':{'A':5},'min':0}", "min")]
    public void Labels_rules(string json, string field) => Invalid(json, field);

    [Fact]
    public void A_label_has_at_most_64_characters_and_a_scale_at_most_200_labels()
    {
        Valid<LabelsScale>("{'kind':'LABELS','labels':{'" + new string('X', 64) + "':1}}");
        Invalid("{'kind':'LABELS','labels':{'" + new string('X', 65) + "':1}}", "labels." + new string('X', 65));

        static string Labels(int count) =>
            "{'kind':'LABELS','labels':{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"'L{i}':{1 + (i % 5)}")) + "}}";
        Assert.Equal(200, Valid<LabelsScale>(Labels(200)).Labels.Count);
        Invalid(Labels(201), "labels");
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        var parsed = Parse("{'kind':'BANDS','bands':[{'from':0,'to':0,'level':9},{'from':5,'to':10,'level':1}],'extra':1,'appliesFrom':'x'}");

        Assert.Equal(
            ["appliesFrom", "bands[0].level", "bands[0].to", "extra"],
            parsed.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Canonical_json_is_stable_and_without_applies_from()
    {
        var a = Parse("{'appliesFrom':'2026-01-01','max':100.00,'min':0.0,'kind':'LINEAR'}").Definition!;
        var b = Parse("{'kind':'LINEAR','min':0,'max':100,'higherIsBetter':true}").Definition!;

        Assert.Equal("{\"kind\":\"LINEAR\",\"min\":0,\"max\":100,\"higherIsBetter\":true}", ScaleDefinitions.ToCanonicalJson(a));
        Assert.Equal(ScaleDefinitions.ToCanonicalJson(a), ScaleDefinitions.ToCanonicalJson(b));
    }

    [Fact]
    public void Canonical_json_of_bands_and_labels()
    {
        var bands = Parse("{'kind':'BANDS','bands':[{'level':1,'to':60.50,'from':0},{'from':60.5,'to':100,'level':2}]}").Definition!;
        var labels = Parse("{'kind':'LABELS','labels':{'b':4,'A':5,' C ':3}}").Definition!;

        Assert.Equal(
            "{\"kind\":\"BANDS\",\"bands\":[{\"from\":0,\"to\":60.5,\"level\":1},{\"from\":60.5,\"to\":100,\"level\":2}]}",
            ScaleDefinitions.ToCanonicalJson(bands));
        Assert.Equal("{\"kind\":\"LABELS\",\"labels\":{\" C \":3,\"A\":5,\"b\":4}}", ScaleDefinitions.ToCanonicalJson(labels));
    }

    [Theory]
    [InlineData("{'kind':'LINEAR','min':-2.5,'max':0.000001,'higherIsBetter':false}")]
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':1.25,'level':1},{'from':1.25,'to':3,'level':5}]}")]
    [InlineData("{'kind':'LABELS','labels':{'Baik Sekali':5,'\\u00e9l\\u00e8ve':2}}")]
    public void Canonical_json_reads_back_to_an_equal_definition(string json)
    {
        var definition = Parse(json).Definition!;

        var stored = ScaleDefinitions.ToCanonicalJson(definition);
        var restored = ScaleDefinitions.FromCanonicalJson(stored);

        Assert.Equal(definition, restored);
        Assert.Equal(stored, ScaleDefinitions.ToCanonicalJson(restored));
    }

    [Fact]
    public void Reading_an_invalid_stored_definition_fails_loudly() =>
        Assert.Throws<FormatException>(() => ScaleDefinitions.FromCanonicalJson("{\"kind\":\"LINEAR\",\"min\":1,\"max\":1}"));
}
