//! The interface's own words, in the languages Folio speaks: English (the fallback), Arabic,
//! Hebrew, German, French and Spanish. An article's page uses its article's language; other
//! pages use the entry page's `<html lang>`. Shared by the viewer and the prerendered pages.

/// Every string the interface shows. `{}` marks where a number goes ([`Strings::fill`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    /// The primary language subtag these strings are in.
    pub language: &'static str,
    pub advertisement: &'static str,
    pub retry: &'static str,
    pub retrying: &'static str,
    pub minutes_read: &'static str,
    pub related: &'static str,
    pub topics: &'static str,
    pub by: &'static str,
    pub and: &'static str,
    pub published: &'static str,
    pub updated: &'static str,
    pub share: &'static str,
    pub link_copied: &'static str,
    pub copy_failed: &'static str,
    pub paragraph_link: &'static str,
    pub display: &'static str,
    pub theme: &'static str,
    pub theme_system: &'static str,
    pub theme_light: &'static str,
    pub theme_sepia: &'static str,
    pub theme_dark: &'static str,
    pub text_size: &'static str,
    pub line_width: &'static str,
    pub width_narrow: &'static str,
    pub width_normal: &'static str,
    pub width_wide: &'static str,
    pub loading_article: &'static str,
    pub loading_articles: &'static str,
    pub read_full_article: &'static str,
    pub article_failed: &'static str,
    pub technical_details: &'static str,
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub front_page: &'static str,
    /// "Go to {}", with the site's name: an embed's link to the Folio site.
    pub go_to_site: &'static str,
    pub skip_to_content: &'static str,
    pub published_with_folio: &'static str,
    /// The front page's heading.
    pub latest: &'static str,
    pub no_articles: &'static str,
    pub front_page_failed: &'static str,
}

impl Strings {
    /// `template` with its `{}` replaced by `number`.
    pub fn fill(template: &str, number: impl std::fmt::Display) -> String {
        template.replacen("{}", &number.to_string(), 1)
    }
}

/// The strings for a BCP 47 tag (by its primary subtag), English when Folio lacks the language.
pub fn strings_for(language: Option<&str>) -> &'static Strings {
    let primary = language
        .and_then(|tag| tag.split(['-', '_']).next())
        .unwrap_or_default()
        .to_ascii_lowercase();
    ALL.into_iter()
        .find(|strings| strings.language == primary)
        .unwrap_or(&ENGLISH)
}

static ALL: [&Strings; 6] = [&ENGLISH, &ARABIC, &HEBREW, &GERMAN, &FRENCH, &SPANISH];

pub static ENGLISH: Strings = Strings {
    language: "en",
    advertisement: "Advertisement",
    retry: "Retry",
    retrying: "Retrying…",
    minutes_read: "{} min read",
    related: "Related",
    topics: "Topics",
    by: "By ",
    and: " and ",
    published: "Published",
    updated: "Updated",
    share: "Share",
    link_copied: "Link copied",
    copy_failed: "The link couldn't be copied",
    paragraph_link: "Copy link to paragraph {}",
    display: "Display",
    theme: "Theme",
    theme_system: "System",
    theme_light: "Light",
    theme_sepia: "Sepia",
    theme_dark: "Dark",
    text_size: "Text size",
    line_width: "Line width",
    width_narrow: "Narrow",
    width_normal: "Normal",
    width_wide: "Wide",
    loading_article: "Loading the article…",
    loading_articles: "Loading the articles…",
    read_full_article: "Read the full article",
    article_failed: "This article couldn't be loaded",
    technical_details: "Technical details",
    not_found: "Page not found",
    not_found_text: "There is no article at this address. It may have been moved or taken down.",
    front_page: "Go to the front page",
    go_to_site: "Go to {}",
    skip_to_content: "Skip to content",
    published_with_folio: "Published with Folio.",
    latest: "Latest",
    no_articles: "No articles have been published yet.",
    front_page_failed: "The front page couldn't be loaded",
};

static ARABIC: Strings = Strings {
    language: "ar",
    advertisement: "إعلان",
    retry: "إعادة المحاولة",
    retrying: "جارٍ إعادة المحاولة…",
    minutes_read: "{} دقيقة قراءة",
    related: "مقالات ذات صلة",
    topics: "مواضيع",
    by: "بقلم ",
    and: " و",
    published: "نُشر",
    updated: "حُدِّث",
    share: "مشاركة",
    link_copied: "تم نسخ الرابط",
    copy_failed: "تعذّر نسخ الرابط",
    paragraph_link: "نسخ رابط الفقرة {}",
    display: "العرض",
    theme: "السمة",
    theme_system: "النظام",
    theme_light: "فاتح",
    theme_sepia: "بنّي فاتح",
    theme_dark: "داكن",
    text_size: "حجم النص",
    line_width: "عرض السطر",
    width_narrow: "ضيق",
    width_normal: "عادي",
    width_wide: "عريض",
    loading_article: "جارٍ تحميل المقال…",
    loading_articles: "جارٍ تحميل المقالات…",
    read_full_article: "اقرأ المقال كاملًا",
    article_failed: "تعذّر تحميل هذا المقال",
    technical_details: "تفاصيل تقنية",
    not_found: "الصفحة غير موجودة",
    not_found_text: "لا يوجد مقال على هذا العنوان. ربما نُقل أو أُزيل.",
    front_page: "الانتقال إلى الصفحة الرئيسية",
    go_to_site: "الانتقال إلى {}",
    skip_to_content: "انتقل إلى المحتوى",
    published_with_folio: "نُشر باستخدام Folio.",
    latest: "الأحدث",
    no_articles: "لم تُنشر أي مقالات بعد.",
    front_page_failed: "تعذّر تحميل الصفحة الرئيسية",
};

static HEBREW: Strings = Strings {
    language: "he",
    advertisement: "פרסומת",
    retry: "לנסות שוב",
    retrying: "מנסים שוב…",
    minutes_read: "{} דקות קריאה",
    related: "כתבות קשורות",
    topics: "נושאים",
    by: "מאת ",
    and: " ו",
    published: "פורסם",
    updated: "עודכן",
    share: "שיתוף",
    link_copied: "הקישור הועתק",
    copy_failed: "לא ניתן להעתיק את הקישור",
    paragraph_link: "העתקת קישור לפסקה {}",
    display: "תצוגה",
    theme: "ערכת צבעים",
    theme_system: "לפי המערכת",
    theme_light: "בהירה",
    theme_sepia: "ספיה",
    theme_dark: "כהה",
    text_size: "גודל טקסט",
    line_width: "רוחב שורה",
    width_narrow: "צר",
    width_normal: "רגיל",
    width_wide: "רחב",
    loading_article: "הכתבה נטענת…",
    loading_articles: "הכתבות נטענות…",
    read_full_article: "לכתבה המלאה",
    article_failed: "לא ניתן לטעון את הכתבה",
    technical_details: "פרטים טכניים",
    not_found: "הדף לא נמצא",
    not_found_text: "אין כתבה בכתובת הזו. ייתכן שהועברה או הוסרה.",
    front_page: "לעמוד הראשי",
    go_to_site: "מעבר אל {}",
    skip_to_content: "דילוג לתוכן",
    published_with_folio: "פורסם באמצעות Folio.",
    latest: "האחרונים",
    no_articles: "עדיין לא פורסמו כתבות.",
    front_page_failed: "לא ניתן היה לטעון את העמוד הראשי",
};

static GERMAN: Strings = Strings {
    language: "de",
    advertisement: "Anzeige",
    retry: "Erneut versuchen",
    retrying: "Neuer Versuch…",
    minutes_read: "{} Min. Lesezeit",
    related: "Mehr zum Thema",
    topics: "Themen",
    by: "Von ",
    and: " und ",
    published: "Veröffentlicht",
    updated: "Aktualisiert",
    share: "Teilen",
    link_copied: "Link kopiert",
    copy_failed: "Der Link konnte nicht kopiert werden",
    paragraph_link: "Link zu Absatz {} kopieren",
    display: "Darstellung",
    theme: "Farbschema",
    theme_system: "System",
    theme_light: "Hell",
    theme_sepia: "Sepia",
    theme_dark: "Dunkel",
    text_size: "Schriftgröße",
    line_width: "Zeilenbreite",
    width_narrow: "Schmal",
    width_normal: "Normal",
    width_wide: "Breit",
    loading_article: "Der Artikel wird geladen…",
    loading_articles: "Die Artikel werden geladen…",
    read_full_article: "Ganzen Artikel lesen",
    article_failed: "Dieser Artikel konnte nicht geladen werden",
    technical_details: "Technische Details",
    not_found: "Seite nicht gefunden",
    not_found_text: "Unter dieser Adresse gibt es keinen Artikel. Er wurde vielleicht verschoben oder entfernt.",
    front_page: "Zur Startseite",
    go_to_site: "Zu {}",
    skip_to_content: "Zum Inhalt springen",
    published_with_folio: "Veröffentlicht mit Folio.",
    latest: "Neueste Artikel",
    no_articles: "Es wurden noch keine Artikel veröffentlicht.",
    front_page_failed: "Die Startseite konnte nicht geladen werden",
};

static FRENCH: Strings = Strings {
    language: "fr",
    advertisement: "Publicité",
    retry: "Réessayer",
    retrying: "Nouvel essai…",
    minutes_read: "{} min de lecture",
    related: "À lire aussi",
    topics: "Sujets",
    by: "Par ",
    and: " et ",
    published: "Publié",
    updated: "Mis à jour",
    share: "Partager",
    link_copied: "Lien copié",
    copy_failed: "Le lien n’a pas pu être copié",
    paragraph_link: "Copier le lien du paragraphe {}",
    display: "Affichage",
    theme: "Thème",
    theme_system: "Système",
    theme_light: "Clair",
    theme_sepia: "Sépia",
    theme_dark: "Sombre",
    text_size: "Taille du texte",
    line_width: "Largeur des lignes",
    width_narrow: "Étroite",
    width_normal: "Normale",
    width_wide: "Large",
    loading_article: "Chargement de l’article…",
    loading_articles: "Chargement des articles…",
    read_full_article: "Lire l’article complet",
    article_failed: "Cet article n’a pas pu être chargé",
    technical_details: "Détails techniques",
    not_found: "Page introuvable",
    not_found_text: "Il n’y a pas d’article à cette adresse. Il a peut-être été déplacé ou retiré.",
    front_page: "Aller à la une",
    go_to_site: "Aller sur {}",
    skip_to_content: "Aller au contenu",
    published_with_folio: "Publié avec Folio.",
    latest: "À la une",
    no_articles: "Aucun article n’a encore été publié.",
    front_page_failed: "La page d’accueil n’a pas pu être chargée",
};

static SPANISH: Strings = Strings {
    language: "es",
    advertisement: "Publicidad",
    retry: "Reintentar",
    retrying: "Reintentando…",
    minutes_read: "{} min de lectura",
    related: "Relacionados",
    topics: "Temas",
    by: "Por ",
    and: " y ",
    published: "Publicado",
    updated: "Actualizado",
    share: "Compartir",
    link_copied: "Enlace copiado",
    copy_failed: "No se pudo copiar el enlace",
    paragraph_link: "Copiar el enlace al párrafo {}",
    display: "Visualización",
    theme: "Tema",
    theme_system: "Sistema",
    theme_light: "Claro",
    theme_sepia: "Sepia",
    theme_dark: "Oscuro",
    text_size: "Tamaño del texto",
    line_width: "Ancho de línea",
    width_narrow: "Estrecho",
    width_normal: "Normal",
    width_wide: "Ancho",
    loading_article: "Cargando el artículo…",
    loading_articles: "Cargando los artículos…",
    read_full_article: "Leer el artículo completo",
    article_failed: "No se pudo cargar este artículo",
    technical_details: "Detalles técnicos",
    not_found: "Página no encontrada",
    not_found_text: "No hay ningún artículo en esta dirección. Puede que se haya movido o retirado.",
    front_page: "Ir a la portada",
    go_to_site: "Ir a {}",
    skip_to_content: "Saltar al contenido",
    published_with_folio: "Publicado con Folio.",
    latest: "Lo último",
    no_articles: "Todavía no se ha publicado ningún artículo.",
    front_page_failed: "No se pudo cargar la portada",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_chosen_by_primary_subtag_with_english_as_fallback() {
        assert_eq!(strings_for(Some("de-AT")).advertisement, "Anzeige");
        assert_eq!(strings_for(Some("AR")).language, "ar");
        assert_eq!(strings_for(Some("he")).language, "he");
        assert_eq!(strings_for(Some("pt-BR")).language, "en");
        assert_eq!(strings_for(None).language, "en");
        assert_eq!(Strings::fill(FRENCH.minutes_read, 4), "4 min de lecture");
    }

    #[test]
    fn every_language_has_every_string_with_its_placeholders() {
        for strings in ALL {
            assert_eq!(
                strings.go_to_site.matches("{}").count(),
                1,
                "{}",
                strings.language
            );
            assert_eq!(
                strings.minutes_read.matches("{}").count(),
                1,
                "{}",
                strings.language
            );
            assert_eq!(
                strings.paragraph_link.matches("{}").count(),
                1,
                "{}",
                strings.language
            );
            assert!(!strings.advertisement.is_empty());
        }
    }
}
