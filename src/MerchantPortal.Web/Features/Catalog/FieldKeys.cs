using System.Text;

namespace MerchantPortal.Web.Features.Catalog;

/// <summary>Field keys as orders send them: lower-case letters, digits and underscores, starting with a letter.</summary>
public static class FieldKeys
{
    private const int MaxLength = 40;

    /// <summary>A key for a label: "Phone number" → phone_number, "E-mail (work)" → e_mail_work. Empty when nothing fits.</summary>
    public static string Suggest(string label)
    {
        var key = new StringBuilder();
        foreach (var c in label.Trim().ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' || (key.Length > 0 && c is >= '0' and <= '9'))
            {
                key.Append(c);
            }
            else if (key.Length > 0 && key[^1] != '_')
            {
                key.Append('_');
            }
        }

        var suggestion = key.ToString().TrimEnd('_');
        return suggestion.Length > MaxLength ? suggestion[..MaxLength].TrimEnd('_') : suggestion;
    }
}
