using TalentHub.Domain.Access;

namespace TalentHub.Domain.Tests.Access;

public sealed class ScopesTests
{
    [Fact]
    public void The_eight_scopes_of_the_contract_are_known()
    {
        Assert.Equal(
            ["submissions.write", "mappings.write", "profiles.read", "pii", "analytics.read", "changes.read", "stewardship", "admin"],
            Scopes.All);
    }

    [Theory]
    [InlineData("changes.read")]
    [InlineData("stewardship")]
    [InlineData("admin")]
    public void Agency_clients_cannot_hold_national_scopes_but_BKN_clients_can(string scope)
    {
        Assert.NotEmpty(Scopes.Problems([Scopes.ProfilesRead, scope], isAgencyClient: true));
        Assert.Empty(Scopes.Problems([Scopes.ProfilesRead, scope], isAgencyClient: false));
    }

    [Fact]
    public void Unknown_duplicate_and_empty_scope_lists_are_problems()
    {
        Assert.NotEmpty(Scopes.Problems(["profiles.write"], isAgencyClient: false));
        Assert.NotEmpty(Scopes.Problems([Scopes.Pii, Scopes.Pii], isAgencyClient: false));
        Assert.NotEmpty(Scopes.Problems([], isAgencyClient: false));
        Assert.NotEmpty(Scopes.Problems(["PII"], isAgencyClient: false));
    }

    [Theory]
    [InlineData(null, "analytics.read pii profiles.read")]
    [InlineData("", "analytics.read pii profiles.read")]
    [InlineData("   ", "analytics.read pii profiles.read")]
    [InlineData("pii", "pii")]
    [InlineData("profiles.read  pii profiles.read", "pii profiles.read")]
    public void A_token_gets_what_it_asks_for_or_everything_allowed_when_it_asks_for_nothing(string? requested, string granted)
    {
        var result = Scopes.Grant([Scopes.ProfilesRead, Scopes.Pii, Scopes.AnalyticsRead], requested);

        Assert.Equal(granted, string.Join(' ', result!));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("pii admin")]
    [InlineData("Pii")]
    public void Asking_for_any_scope_not_allowed_grants_nothing(string requested) =>
        Assert.Null(Scopes.Grant([Scopes.ProfilesRead, Scopes.Pii], requested));
}
