namespace MerchantPortal.Catalog;

/// <summary>An input an order must (or may) give for a top-up or service item, such as a phone number.</summary>
public sealed class ItemField
{
    /// <summary>The key orders use to send the value, e.g. <c>phone_number</c>.</summary>
    public string Key { get; set; } = "";

    public string Label { get; set; } = "";

    public FieldType Type { get; set; }

    public bool Required { get; set; } = true;

    /// <summary>For text fields: a regular expression the whole value must match.</summary>
    public string? Pattern { get; set; }

    /// <summary>For text fields: the longest value accepted.</summary>
    public int? MaxLength { get; set; }

    /// <summary>For choice fields: the options, each with a numeric id that orders send.</summary>
    public List<FieldChoice> Choices { get; set; } = [];
}

public enum FieldType
{
    Text,
    Choice,
}

/// <summary>One option of a choice field.</summary>
public sealed class FieldChoice
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}
