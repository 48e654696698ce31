{#- Time helpers. Every timestamp in the warehouse is a naive UTC `timestamp`. -#}

{#- Seconds since 1970-01-01 as a number. -#}
{% macro epoch_seconds(ts) -%}
    {{ return(adapter.dispatch('epoch_seconds', 'service_warehouse')(ts)) }}
{%- endmacro %}

{% macro default__epoch_seconds(ts) -%}
    extract(epoch from {{ ts }})
{%- endmacro %}

{% macro duckdb__epoch_seconds(ts) -%}
    epoch({{ ts }})
{%- endmacro %}

{#- a double: `/ 1000000.0` would be decimal arithmetic, which rounds minutes to a few digits -#}
{% macro spark__epoch_seconds(ts) -%}
    (cast(unix_micros({{ ts }}) as double) / 1000000)
{%- endmacro %}

{#- Exact minutes from `start_ts` to `end_ts` (fractional; null when either is null). -#}
{% macro minutes_between(start_ts, end_ts) -%}
    cast(({{ epoch_seconds(end_ts) }} - {{ epoch_seconds(start_ts) }}) / 60.0 as {{ type_double() }})
{%- endmacro %}

{#- A wall-clock timestamp in `tz` to UTC (DST-exact in DuckDB/ICU and PostgreSQL alike). -#}
{% macro local_to_utc(local_ts, tz) -%}
    {{ return(adapter.dispatch('local_to_utc', 'service_warehouse')(local_ts, tz)) }}
{%- endmacro %}

{% macro default__local_to_utc(local_ts, tz) -%}
    {#- the parentheses matter: `at time zone` binds tighter than `+` -#}
    cast((({{ local_ts }}) at time zone {{ tz }}) at time zone 'UTC' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- Spark's session zone is UTC (profiles.yml), so its timestamps are UTC wall clocks too.
    A wall-clock time that occurs twice (the hour repeated when clocks go back) is the later
    instant, as in DuckDB and PostgreSQL; Spark's to_utc_timestamp gives the earlier one, so
    the later is taken when it exists (a fall-back of one hour or of half an hour). -#}
{% macro spark__local_to_utc(local_ts, tz) -%}
    {%- set earlier = 'to_utc_timestamp(' ~ local_ts ~ ', ' ~ tz ~ ')' -%}
    coalesce(
        case when from_utc_timestamp({{ earlier }} + interval 1 hour, {{ tz }}) = {{ local_ts }}
            then {{ earlier }} + interval 1 hour end,
        case when from_utc_timestamp({{ earlier }} + interval 30 minutes, {{ tz }}) = {{ local_ts }}
            then {{ earlier }} + interval 30 minutes end,
        {{ earlier }}
    )
{%- endmacro %}

{#- A UTC timestamp to the wall clock of `tz`. -#}
{% macro utc_to_local(utc_ts, tz) -%}
    {{ return(adapter.dispatch('utc_to_local', 'service_warehouse')(utc_ts, tz)) }}
{%- endmacro %}

{% macro default__utc_to_local(utc_ts, tz) -%}
    cast((({{ utc_ts }}) at time zone 'UTC') at time zone {{ tz }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro spark__utc_to_local(utc_ts, tz) -%}
    from_utc_timestamp({{ utc_ts }}, {{ tz }})
{%- endmacro %}

{#- The calendar date of a UTC timestamp in the reporting time zone (var reporting_time_zone). -#}
{% macro reporting_date(utc_ts) -%}
    {%- set tz = var('reporting_time_zone', 'UTC') -%}
    {%- if tz | upper == 'UTC' -%}
        cast({{ utc_ts }} as date)
    {%- else -%}
        cast({{ utc_to_local(utc_ts, "'" ~ tz ~ "'") }} as date)
    {%- endif -%}
{%- endmacro %}

{#- Add a (possibly fractional) number of minutes to a timestamp. -#}
{% macro add_minutes(ts, minutes) -%}
    {{ return(adapter.dispatch('add_minutes', 'service_warehouse')(ts, minutes)) }}
{%- endmacro %}

{% macro default__add_minutes(ts, minutes) -%}
    ({{ ts }} + ({{ minutes }}) * interval '1 minute')
{%- endmacro %}

{% macro duckdb__add_minutes(ts, minutes) -%}
    ({{ ts }} + to_microseconds(cast(round(cast({{ minutes }} as double) * 60000000) as bigint)))
{%- endmacro %}

{% macro spark__add_minutes(ts, minutes) -%}
    timestamp_micros(unix_micros({{ ts }}) + cast(round(cast({{ minutes }} as double) * 60000000) as bigint))
{%- endmacro %}

{#- ISO day of week of a date: 1 = Monday ... 7 = Sunday. -#}
{% macro iso_day_of_week(date_expr) -%}
    {{ return(adapter.dispatch('iso_day_of_week', 'service_warehouse')(date_expr)) }}
{%- endmacro %}

{% macro default__iso_day_of_week(date_expr) -%}
    cast(extract(isodow from {{ date_expr }}) as integer)
{%- endmacro %}

{#- weekday(): 0 = Monday -#}
{% macro spark__iso_day_of_week(date_expr) -%}
    (weekday({{ date_expr }}) + 1)
{%- endmacro %}

{#- The UTC instant at which a reporting-zone calendar date begins. -#}
{% macro reporting_day_start(date_expr) -%}
    {%- set tz = var('reporting_time_zone', 'UTC') -%}
    {%- if tz | upper == 'UTC' -%}
        cast({{ date_expr }} as {{ dbt.type_timestamp() }})
    {%- else -%}
        {{ local_to_utc('cast(' ~ date_expr ~ ' as ' ~ dbt.type_timestamp() ~ ')', "'" ~ tz ~ "'") }}
    {%- endif -%}
{%- endmacro %}
