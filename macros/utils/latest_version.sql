{#- The current version of each row of a connector's history table. Fivetran's *_history
    tables keep one row per version of a record; the one with the latest `version_column` is
    the record as it stands (ties, which a sync does not write, go to the latest synced). -#}
{% macro latest_version(relation, key='id', version_column='updated_at') -%}
with

versions as (

    select
        *,
        row_number() over (
            partition by {{ key }} order by {{ version_column }} desc, _fivetran_synced desc
        ) as version_rank
    from {{ relation }}

)

select * from versions
where version_rank = 1
{%- endmacro %}
