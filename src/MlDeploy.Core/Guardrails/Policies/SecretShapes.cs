using System.Text.RegularExpressions;

namespace MlDeploy.Guardrails.Policies;

/// <summary>
/// What makes an environment variable a plaintext secret (MLS-SEC-01): a name whose last word says it holds one, or a
/// value shaped like a credential. Substrings are not enough: serving servers have ordinary settings such as
/// MAX_INPUT_TOKENS or TOKENIZER, and refusing them would push users to waive the policy altogether.
/// </summary>
internal static partial class SecretShapes
{
    // The word (or two) a name ends with, or is: HF_TOKEN, DB_PASSWORD, apiKey, AWS_SECRET_ACCESS_KEY, SECRET.
    private static readonly HashSet<string> s_lastWord = new(StringComparer.Ordinal)
    {
        "SECRET", "PASSWORD", "PASSWD", "PWD", "PASS", "PASSPHRASE", "TOKEN", "CREDENTIAL", "CREDENTIALS", "APIKEY",
    };

    private static readonly HashSet<string> s_lastTwoWords = new(StringComparer.Ordinal)
    {
        "API KEY", "PRIVATE KEY", "SECRET KEY", "ACCESS KEY", "AUTH KEY", "SIGNING KEY",
    };

    /// <summary>Whether a variable name says it holds a secret: its last word, or last two, name one.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns>Whether it does.</returns>
    public static bool NameSaysSecret(string name)
    {
        var words = WordBreak().Split(name).Where(w => w.Length > 0).Select(w => w.ToUpperInvariant()).ToList();
        return words.Count > 0
            && (s_lastWord.Contains(words[^1]) || (words.Count > 1 && s_lastTwoWords.Contains($"{words[^2]} {words[^1]}")));
    }

    /// <summary>Whether a literal is a reference to a secret rather than its value (an ARN, or the path of a mounted file).</summary>
    /// <param name="value">The literal.</param>
    /// <returns>Whether it is.</returns>
    public static bool IsReference(string value) =>
        value.StartsWith("arn:", StringComparison.Ordinal) || value.StartsWith('/');

    /// <summary>The credential format a value has (an AWS access key, a GitHub token, a PEM private key, ...), or null.</summary>
    /// <param name="value">The literal.</param>
    /// <returns>The format's name, or null.</returns>
    public static string? KnownCredential(string value) =>
        AwsAccessKey().IsMatch(value) ? "an AWS access key id"
        : PrivateKey().IsMatch(value) ? "a PEM private key"
        : Jwt().IsMatch(value) ? "a JSON web token"
        : TokenPrefix().Match(value) is { Success: true } m ? $"a token with the {m.Groups["prefix"].Value} prefix"
        : null;

    /// <summary>
    /// Whether a value looks like generated key material: at least 32 characters of one token alphabet (letters,
    /// digits, + / = _ -) mixing upper case, lower case and digits, with at least 4.2 bits of entropy per character.
    /// Hex digests (4 bits at most), words, versions, paths and URLs stay below that.
    /// </summary>
    /// <param name="value">The literal.</param>
    /// <returns>Whether it does.</returns>
    public static bool HighEntropy(string value)
    {
        if (value.Length < 32 || !TokenAlphabet().IsMatch(value) || !value.Any(char.IsAsciiLetterUpper) || !value.Any(char.IsAsciiLetterLower) || !value.Any(char.IsAsciiDigit))
        {
            return false;
        }

        var entropy = value.GroupBy(c => c).Sum(g => { var p = (double)g.Count() / value.Length; return -p * Math.Log2(p); });
        return entropy >= 4.2;
    }

    // Breaks API_KEY, api-key, api.key and apiKey into words.
    [GeneratedRegex("[_.-]+|(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordBreak();

    [GeneratedRegex("^(AKIA|ASIA)[0-9A-Z]{16}$")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex("-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$")]
    private static partial Regex Jwt();

    // OpenAI/Anthropic (sk-), Stripe (sk_live_, rk_live_), GitHub (ghp_ ... github_pat_), Slack (xox?-), Hugging Face
    // (hf_), GitLab (glpat-), Google API keys (AIza): each followed by enough key material to be one.
    [GeneratedRegex("^(?<prefix>sk-|sk_live_|sk_test_|rk_live_|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|xox[abposr]-|hf_|glpat-|AIza)[A-Za-z0-9_-]{20,}$")]
    private static partial Regex TokenPrefix();

    [GeneratedRegex("^[A-Za-z0-9+/=_-]+$")]
    private static partial Regex TokenAlphabet();
}
