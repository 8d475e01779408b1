using MudBlazor;

namespace MerchantPortal.Web.Components.Layout;

/// <summary>The portal's colours and type, for light and dark mode.</summary>
public static class PortalTheme
{
    private static readonly string[] FontStack =
        ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        // Status chips are text on a 10 % tint of their own colour: the light palette's colours are dark enough (≥ 4.5:1
        // on that tint, WCAG AA) and the dark palette's light enough, and filled controls in dark mode take dark text.
        PaletteLight = new PaletteLight
        {
            Primary = "#4f46e5",
            PrimaryDarken = "#4338ca",
            PrimaryLighten = "#6366f1",
            Secondary = "#0f766e",
            Tertiary = "#9333ea",
            Info = "#0369a1",
            Success = "#166534",
            Warning = "#92400e",
            Error = "#b91c1c",
            Background = "#f6f7fb",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#111827",
            DrawerBackground = "#ffffff",
            DrawerText = "#374151",
            DrawerIcon = "#6b7280",
            TextPrimary = "#111827",
            TextSecondary = "#4b5563",
            LinesDefault = "#e5e7eb",
            TableLines = "#eef0f4",
            Divider = "#e5e7eb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#818cf8",
            // A filled primary button turns this colour under the pointer, with the same dark text: it keeps 5:1.
            PrimaryDarken = "#717af2",
            PrimaryLighten = "#a5b4fc",
            PrimaryContrastText = "#0b1020",
            Secondary = "#2dd4bf",
            Tertiary = "#c084fc",
            Info = "#38bdf8",
            Success = "#4ade80",
            Warning = "#fbbf24",
            Error = "#f87171",
            // Filled chips and buttons in these light colours need dark text to reach 4.5:1.
            InfoContrastText = "#0b1020",
            SuccessContrastText = "#0b1020",
            WarningContrastText = "#0b1020",
            ErrorContrastText = "#0b1020",
            Background = "#0b1020",
            Surface = "#131a2e",
            AppbarBackground = "#131a2e",
            AppbarText = "#e5e7eb",
            DrawerBackground = "#131a2e",
            DrawerText = "#cbd5e1",
            DrawerIcon = "#94a3b8",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#94a3b8",
            LinesDefault = "#24304d",
            TableLines = "#1e2740",
            Divider = "#24304d",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "248px",
        },
    };
}
