@echo off
rem Set up bmnn on Windows and serve it on http://127.0.0.1:8000 (same steps as ./run).
setlocal
cd /d "%~dp0"
if "%BMNN_DATA_DIR%"=="" set BMNN_DATA_DIR=%CD%\data
if not exist .venv\Scripts\python.exe (
  echo Tao moi truong Python trong .venv ...
  py -3 -m venv .venv || python -m venv .venv || goto :error
)
if not exist .venv\.bmnn-installed (
  .venv\Scripts\python -m pip install -q --upgrade pip || goto :error
  .venv\Scripts\python -m pip install -q -e . || goto :error
  type nul > .venv\.bmnn-installed
)
.venv\Scripts\bmnn init || goto :error
if "%BMNN_DEMO%"=="1" .venv\Scripts\bmnn demo
.venv\Scripts\bmnn createadmin --if-missing || goto :error
.venv\Scripts\bmnn serve
goto :eof
:error
echo Loi khi cai dat bmnn.
exit /b 1
