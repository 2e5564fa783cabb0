{
  "name": "{{ project_name }}",
  "version": "0.1.0",
  "private": true,
  "type": "module",
  "scripts": {
    "manage": "manouche",
    "start": "manouche migrate && manouche runserver",
    "migrate": "manouche migrate",
    "check": "manouche check",
    "test": "manouche test",
    "typecheck": "tsc --noEmit",
    "build": "manouche build",
    "serve": "node dist/server.mjs"
  },
  "manouche": {
    "settings": "{{ project_name }}.settings"
  },
  "dependencies": {
    "manouche": "{{ manouche_version }}"
  },
  "devDependencies": {
    "@types/node": "^20.19.0",
    "typescript": "~6.0.3"
  },
  "engines": {
    "node": ">=20.19"
  }
}
