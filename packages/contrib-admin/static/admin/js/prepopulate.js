// prepopulatedFields: fills a slug from other fields as you type, until the slug is edited by hand
// (Django's prepopulate.js + URLify, without the transliteration tables: accents are dropped via NFKD).

{
  const urlify = (text, maxLength) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[-\s]+/g, '-')
      .slice(0, maxLength)
      .replace(/-+$/, '');
  for (const form of document.querySelectorAll('form[data-prepopulated]')) {
    let specs = [];
    try {
      specs = JSON.parse(form.dataset.prepopulated || '[]');
    } catch {
      specs = [];
    }
    for (const spec of specs) {
      const target = document.getElementById(spec.id);
      const sources = spec.dependencies.map((id) => document.getElementById(id)).filter(Boolean);
      if (!target || !sources.length) continue;
      let edited = target.value !== '';
      target.addEventListener('input', () => {
        edited = target.value !== '';
      });
      const fill = () => {
        if (edited) return;
        target.value = urlify(sources.map((source) => source.value).join(' '), spec.maxLength);
      };
      for (const source of sources) {
        source.addEventListener('input', fill);
        source.addEventListener('change', fill);
      }
    }
  }
}
