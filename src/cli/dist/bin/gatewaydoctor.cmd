@echo off
rem GatewayDoctor's launcher for Windows: the same JVM settings as bin/gatewaydoctor (docs/install.md),
rem without the class-data archive, which it makes only on Linux and macOS.
setlocal
set "HOME_DIR=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
set "VM=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m"
if "%~1"=="serve" set "VM=-Xmx1g"
"%JAVA%" %VM% %JAVA_OPTS% -jar "%HOME_DIR%\lib\gatewaydoctor.jar" %*
exit /b %ERRORLEVEL%
