-- Creates the suite's database, one schema per context, and one login per service that may work
-- only in its own schema. Safe to run again: every step checks first.
IF DB_ID(N'Sec') IS NULL
    CREATE DATABASE Sec;
GO
USE Sec;
GO

DECLARE @contexts TABLE (SchemaName sysname, LoginName sysname, PasswordVariable nvarchar(200));
INSERT INTO @contexts VALUES
    (N'proposals',   N'proposals_service',   N'$(PROPOSALS_DB_PASSWORD)'),
    (N'assessments', N'assessments_service', N'$(ASSESSMENTS_DB_PASSWORD)'),
    (N'changeboard', N'changeboard_service', N'$(CHANGEBOARD_DB_PASSWORD)'),
    (N'releases',    N'releases_service',    N'$(RELEASES_DB_PASSWORD)');

DECLARE @schema sysname, @login sysname, @password nvarchar(200), @sql nvarchar(max);
DECLARE contexts CURSOR LOCAL FAST_FORWARD FOR SELECT SchemaName, LoginName, PasswordVariable FROM @contexts;
OPEN contexts;
FETCH NEXT FROM contexts INTO @schema, @login, @password;
WHILE @@FETCH_STATUS = 0
BEGIN
    IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = @login)
    BEGIN
        SET @sql = N'CREATE LOGIN ' + QUOTENAME(@login) + N' WITH PASSWORD = ' + QUOTENAME(@password, '''') + N', CHECK_POLICY = OFF;';
        EXEC (@sql);
    END;
    IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = @login)
    BEGIN
        SET @sql = N'CREATE USER ' + QUOTENAME(@login) + N' FOR LOGIN ' + QUOTENAME(@login) + N' WITH DEFAULT_SCHEMA = ' + QUOTENAME(@schema) + N';';
        EXEC (@sql);
    END;
    IF SCHEMA_ID(@schema) IS NULL
    BEGIN
        -- The service's user owns its schema: it may create and change tables there, and nowhere else.
        SET @sql = N'CREATE SCHEMA ' + QUOTENAME(@schema) + N' AUTHORIZATION ' + QUOTENAME(@login) + N';';
        EXEC (@sql);
    END;
    -- Creating tables needs the database permission; ownership limits it to the service's own schema.
    SET @sql = N'GRANT CREATE TABLE TO ' + QUOTENAME(@login) + N';';
    EXEC (@sql);
    FETCH NEXT FROM contexts INTO @schema, @login, @password;
END;
CLOSE contexts;
DEALLOCATE contexts;
GO
