-- Creates the suite's database, one schema per context, and one login per service that may work
-- only in its own schema. Safe to run on every start: each step checks first, and passwords and
-- ownership are brought back to what this script says.
-- sqlcmd variables (set by db-init): PROPOSALS_DB_PASSWORD, ASSESSMENTS_DB_PASSWORD,
-- CHANGEBOARD_DB_PASSWORD, RELEASES_DB_PASSWORD.
SET NOCOUNT ON;
SET XACT_ABORT ON;
IF DB_ID(N'Sec') IS NULL
    CREATE DATABASE Sec;
GO
USE Sec;
GO

DECLARE @contexts TABLE (SchemaName sysname NOT NULL, LoginName sysname NOT NULL, LoginPassword nvarchar(256) NOT NULL);
INSERT INTO @contexts (SchemaName, LoginName, LoginPassword) VALUES
    (N'proposals',   N'proposals_service',   N'$(PROPOSALS_DB_PASSWORD)'),
    (N'assessments', N'assessments_service', N'$(ASSESSMENTS_DB_PASSWORD)'),
    (N'changeboard', N'changeboard_service', N'$(CHANGEBOARD_DB_PASSWORD)'),
    (N'releases',    N'releases_service',    N'$(RELEASES_DB_PASSWORD)');

IF EXISTS (SELECT 1 FROM @contexts WHERE LEN(LoginPassword) < 8)
    THROW 50000, N'Every service password must be set and at least 8 characters long.', 1;

DECLARE @schema sysname, @login sysname, @password nvarchar(256), @sql nvarchar(max);
DECLARE contexts CURSOR LOCAL FAST_FORWARD FOR SELECT SchemaName, LoginName, LoginPassword FROM @contexts;
OPEN contexts;
FETCH NEXT FROM contexts INTO @schema, @login, @password;
WHILE @@FETCH_STATUS = 0
BEGIN
    -- Server login; an existing one takes a changed password, so a new .env applies on restart.
    SET @sql = NULL;
    IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = @login)
        SET @sql = N'CREATE LOGIN ' + QUOTENAME(@login) + N' WITH PASSWORD = N''' + REPLACE(@password, N'''', N'''''') + N''';';
    ELSE IF EXISTS (SELECT 1 FROM sys.sql_logins WHERE name = @login AND PWDCOMPARE(@password, password_hash) = 0)
        SET @sql = N'ALTER LOGIN ' + QUOTENAME(@login) + N' WITH PASSWORD = N''' + REPLACE(@password, N'''', N'''''') + N''';';
    IF @sql IS NOT NULL
        EXEC (@sql);

    -- Database user, defaulting to its own schema.
    IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = @login)
        SET @sql = N'CREATE USER ' + QUOTENAME(@login) + N' FOR LOGIN ' + QUOTENAME(@login) + N' WITH DEFAULT_SCHEMA = ' + QUOTENAME(@schema) + N';';
    ELSE
        SET @sql = N'ALTER USER ' + QUOTENAME(@login) + N' WITH LOGIN = ' + QUOTENAME(@login) + N', DEFAULT_SCHEMA = ' + QUOTENAME(@schema) + N';';
    EXEC (@sql);

    -- The service's user owns its schema: full rights there (tables, indexes, data), none elsewhere.
    IF SCHEMA_ID(@schema) IS NULL
        SET @sql = N'CREATE SCHEMA ' + QUOTENAME(@schema) + N' AUTHORIZATION ' + QUOTENAME(@login) + N';';
    ELSE
        SET @sql = N'ALTER AUTHORIZATION ON SCHEMA::' + QUOTENAME(@schema) + N' TO ' + QUOTENAME(@login) + N';';
    EXEC (@sql);

    -- Migrations create tables; this database right only reaches schemas the user may alter, its own.
    SET @sql = N'GRANT CREATE TABLE TO ' + QUOTENAME(@login) + N';';
    EXEC (@sql);

    FETCH NEXT FROM contexts INTO @schema, @login, @password;
END;
CLOSE contexts;
DEALLOCATE contexts;
GO
