-- Grain: one row per support cost line other than agent pay.
with

cost_lines as (

    select * from {{ ref('stg_helpdesk__cost_lines') }}

),

final as (

    select
        cost_line_id,
        incurred_on,
        cost_category,
        channel,
        amount_usd
    from cost_lines

)

select * from final
