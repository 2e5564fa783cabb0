node_modules/
dist/
staticfiles/
db.sqlite3
*.log
.env
