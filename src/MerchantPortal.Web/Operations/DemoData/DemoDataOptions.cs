namespace MerchantPortal.Web.Operations;

/// <summary>The <c>Demo</c> configuration section: demo merchants and sign-ins created on first run.</summary>
public sealed class DemoDataOptions
{
    public const string SectionName = "Demo";

    public bool Seed { get; set; }

    /// <summary>How many orders of history to create over the last 30 days on a fresh database.</summary>
    public int HistoricalOrders { get; set; }

    public List<DemoMerchant> Merchants { get; set; } = [];

    public List<DemoUser> Users { get; set; } = [];

    public sealed class DemoMerchant
    {
        public string Name { get; set; } = "";

        public string Currency { get; set; } = "USD";

        /// <summary>The four-eyes threshold for refunds, in major units (100.00); null leaves approvals off.</summary>
        public decimal? RefundApprovalThreshold { get; set; }
    }

    public sealed class DemoUser
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string Role { get; set; } = "";

        public string? Merchant { get; set; }

        /// <summary>A merchant user who manages the merchant's team.</summary>
        public bool IsTeamAdmin { get; set; }
    }
}
