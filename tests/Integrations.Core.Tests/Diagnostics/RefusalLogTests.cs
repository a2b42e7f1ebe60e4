using Integrations.Core.Tests.OAuth;
using Integrations.Diagnostics;
using Integrations.OAuth;
using Integrations.OAuth.Validation;
using Microsoft.Extensions.Logging;

namespace Integrations.Core.Tests.Diagnostics;

/// <summary>Refusals reach the log as one escaped Debug line each and a summary a minute at Information.</summary>
public sealed class RefusalLogTests : IDisposable
{
    private readonly ValidatorFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Each_refusal_is_one_Debug_line_and_a_minute_of_them_one_Information_summary_per_reason()
    {
        var known = await _fixture.AddAsync();
        var stranger = known with { Integration = known.Integration with { ConsumerKey = "0123456789abcdefghijklmnopqrstuv" } };
        var forged = known with { ConsumerSecret = "not-the-secret" };

        for (var i = 0; i < 3; i++)
        {
            (await _fixture.ValidateAsync(_fixture.SignedApiCall(stranger))).Succeeded.Should().BeFalse();
        }

        (await _fixture.ValidateAsync(_fixture.SignedApiCall(forged))).Succeeded.Should().BeFalse();
        (await _fixture.ValidateAsync(_fixture.SignedApiCall(known))).Succeeded.Should().BeTrue();

        var lines = _fixture.Log.GetSnapshot();
        lines.Where(r => r.Level >= LogLevel.Information).Should().BeEmpty("no line per call at the levels hosts keep");
        lines.Where(r => r.Level == LogLevel.Debug && r.Id.Id == 3000).Should().HaveCount(4, "one line per refused call");

        _fixture.Time.Advance(OAuthRefusalLog.SummaryPeriod - TimeSpan.FromTicks(1));
        _fixture.Log.GetSnapshot().Where(r => r.Level >= LogLevel.Information).Should().BeEmpty("the summary waits for the minute to end");

        _fixture.Time.Advance(TimeSpan.FromTicks(1)); // the log's timer, created on the clock, fires at the minute

        var summary = _fixture.Log.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Information).Subject;
        summary.Message.Should().Be("4 OAuth requests refused in the last 00:01:00: ConsumerKeyUnknown 3, SignatureInvalid 1. Each refusal is logged at Debug level.");

        _fixture.Time.Advance(OAuthRefusalLog.SummaryPeriod);
        _fixture.Log.GetSnapshot().Where(r => r.Level == LogLevel.Information).Should().ContainSingle("a quiet minute writes no summary");

        (await _fixture.ValidateAsync(_fixture.SignedApiCall(stranger))).Succeeded.Should().BeFalse();
        _fixture.Time.Advance(OAuthRefusalLog.SummaryPeriod);
        _fixture.Log.GetSnapshot().Where(r => r.Level == LogLevel.Information).Last().Message
            .Should().StartWith("1 OAuth requests refused in the last 00:01:00: ConsumerKeyUnknown 1.", "the timer keeps running, minute after minute");
    }

    [Fact]
    public async Task Caller_text_in_a_refusal_never_reaches_the_log_unescaped()
    {
        var known = await _fixture.AddAsync();
        var header = _fixture.SignedApiCall(known).Authorization!
            .Replace("oauth_version=\"1.0\"", "oauth_version=\"1.0%0A2026-12-06 ERROR forged line\"", StringComparison.Ordinal);

        (await _fixture.ValidateAsync(new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl, Authorization = header })).Succeeded.Should().BeFalse();

        _fixture.Log.GetSnapshot().Should().ContainSingle()
            .Which.Message.Should().NotContain("\n").And.NotContain("forged");
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("line\nERROR forged", @"line\nERROR forged")]
    [InlineData("a\r\u0001\u007f\u2028b", @"a\r\x01\x7f\u2028b")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData(null, "(none)")]
    public void Caller_text_is_escaped_so_control_characters_are_visible(string? value, string logged) =>
        LogText.Escape(value).Should().Be(logged);

    [Fact]
    public void Caller_text_is_capped_in_length() =>
        LogText.Escape(new string('x', 10_000)).Should().Be(new string('x', LogText.DefaultMaxLength) + $"…(+{10_000 - LogText.DefaultMaxLength} characters)");
}
