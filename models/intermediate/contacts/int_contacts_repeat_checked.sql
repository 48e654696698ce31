-- Solved contacts followed by a repeat contact: a new contact from the same customer with
-- the same reason, created after this one and no later than N days
-- (var repeat_contact_window_days) after this one's final solve.
with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

lifecycle as (

    select * from {{ ref('int_contacts_lifecycle') }}

),

solved as (

    select contacts.contact_id, contacts.customer_id, contacts.reason, contacts.created_at, lifecycle.final_solved_at
    from contacts
    inner join lifecycle on contacts.contact_id = lifecycle.contact_id
    where lifecycle.final_solved_at is not null and contacts.customer_id is not null

),

final as (

    select
        solved.contact_id,
        count(*) as repeat_contact_count
    from solved
    inner join contacts as later
        on
            solved.customer_id = later.customer_id
            and solved.reason = later.reason
            and solved.contact_id != later.contact_id
            and solved.created_at < later.created_at
            and later.created_at
            <= {{ dbt.dateadd('day', var('repeat_contact_window_days'), 'solved.final_solved_at') }}
    group by solved.contact_id

)

select * from final
