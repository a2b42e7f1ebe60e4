using Integrations.Security;

namespace Integrations.Core.Tests.Security;

public sealed class CredentialTests
{
    [Fact]
    public void Generated_credentials_are_32_characters_of_digits_and_lower_case_letters()
    {
        var values = Enumerable.Range(0, 200).Select(_ => CredentialGenerator.Create()).ToList();

        values.Should().OnlyContain(v => v.Length == 32 && v.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)));
        values.Should().OnlyHaveUniqueItems();
        values.Should().OnlyContain(v => CredentialGenerator.IsWellFormed(v));
        string.Concat(values).Distinct().Should().HaveCount(36, "every symbol of the alphabet is used");
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234-")]
    public void Values_of_another_shape_are_not_well_formed(string value) =>
        CredentialGenerator.IsWellFormed(value).Should().BeFalse();

    [Fact]
    public void Hashes_match_only_their_value()
    {
        var token = CredentialGenerator.Create();
        var hash = CredentialHasher.Hash(token);

        hash.Should().MatchRegex("^[0-9a-f]{64}$").And.NotContain(token);
        CredentialHasher.Matches(token, hash).Should().BeTrue();
        CredentialHasher.Matches(token.AsSpan(0, 31), hash).Should().BeFalse();
        CredentialHasher.Matches(CredentialGenerator.Create(), hash).Should().BeFalse();
        CredentialHasher.Matches(token, null).Should().BeFalse();
        CredentialHasher.Matches(token, "not-hex").Should().BeFalse();
    }

    [Fact]
    public void Admin_confirmation_never_prints_the_password()
    {
        new AdminConfirmation("admin", "hunter2").ToString().Should().NotContain("hunter2");
    }
}
