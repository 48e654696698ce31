-- One row per contact: calendar and business durations of first response, first and final
-- resolution and open age, and the SLA verdicts of the policy that applies to it.
with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

lifecycle as (

    select * from {{ ref('int_contacts_lifecycle') }}

),

readings as (

    select * from {{ ref('int_business_clock_readings') }}

),

sla_policies as (

    select * from {{ ref('sla_policies') }}

),

milestones as (

    select
        contacts.contact_id,
        contacts.schedule_id,
        contacts.priority,
        contacts.channel,
        contacts.created_at,
        lifecycle.first_agent_reply_at,
        lifecycle.first_solved_at,
        lifecycle.final_solved_at,
        coalesce(lifecycle.current_status, 'new') in ('solved', 'closed') as is_solved,
        {{ as_of_timestamp() }} as data_end_at
    from contacts
    left join lifecycle on contacts.contact_id = lifecycle.contact_id

),

clocked as (

    select
        milestones.*,
        created.business_minutes_elapsed as created_reading,
        first_reply.business_minutes_elapsed as first_reply_reading,
        first_solve.business_minutes_elapsed as first_solve_reading,
        final_solve.business_minutes_elapsed as final_solve_reading,
        data_end.business_minutes_elapsed as data_end_reading
    from milestones
    left join readings as created
        on milestones.schedule_id = created.schedule_id and milestones.created_at = created.reading_at
    left join readings as first_reply
        on milestones.schedule_id = first_reply.schedule_id and milestones.first_agent_reply_at = first_reply.reading_at
    left join readings as first_solve
        on milestones.schedule_id = first_solve.schedule_id and milestones.first_solved_at = first_solve.reading_at
    left join readings as final_solve
        on milestones.schedule_id = final_solve.schedule_id and milestones.final_solved_at = final_solve.reading_at
    left join readings as data_end
        on milestones.schedule_id = data_end.schedule_id and milestones.data_end_at = data_end.reading_at

),

durations as (

    select
        contact_id,
        is_solved,
        {{ minutes_between('created_at', 'first_agent_reply_at') }} as first_response_calendar_minutes,
        first_reply_reading - created_reading as first_response_business_minutes,
        {{ minutes_between('created_at', 'first_solved_at') }} as first_resolution_calendar_minutes,
        first_solve_reading - created_reading as first_resolution_business_minutes,
        case when is_solved then {{ minutes_between('created_at', 'final_solved_at') }} end
            as resolution_calendar_minutes,
        case when is_solved then final_solve_reading - created_reading end as resolution_business_minutes,
        case when not is_solved then {{ minutes_between('created_at', 'data_end_at') }} end
            as open_age_calendar_minutes,
        case when not is_solved then data_end_reading - created_reading end as open_age_business_minutes,
        first_agent_reply_at
    from clocked

),

matching_policies as (

    select
        contacts.contact_id,
        sla_policies.policy_id,
        sla_policies.time_basis,
        sla_policies.first_response_target_minutes,
        sla_policies.resolution_target_minutes,
        row_number() over (
            partition by contacts.contact_id
            order by case when sla_policies.channel = 'any' then 1 else 0 end, sla_policies.policy_id
        ) as specificity_rank
    from contacts
    inner join sla_policies
        on
            contacts.priority = sla_policies.priority
            and (contacts.channel = sla_policies.channel or sla_policies.channel = 'any')

),

in_policy_basis as (

    select
        durations.*,
        matching_policies.policy_id as sla_policy_id,
        matching_policies.time_basis as sla_time_basis,
        matching_policies.first_response_target_minutes as sla_first_response_target_minutes,
        matching_policies.resolution_target_minutes as sla_resolution_target_minutes,
        case
            when matching_policies.time_basis = 'business' then durations.first_response_business_minutes
            else durations.first_response_calendar_minutes
        end as sla_first_response_minutes,
        case
            when matching_policies.time_basis = 'business' then durations.resolution_business_minutes
            else durations.resolution_calendar_minutes
        end as sla_resolution_minutes,
        case
            when matching_policies.time_basis = 'business' then durations.open_age_business_minutes
            else durations.open_age_calendar_minutes
        end as sla_open_age_minutes
    from durations
    left join matching_policies
        on durations.contact_id = matching_policies.contact_id and matching_policies.specificity_rank = 1

),

final as (

    select
        contact_id,
        is_solved,
        first_response_calendar_minutes,
        first_response_business_minutes,
        first_resolution_calendar_minutes,
        first_resolution_business_minutes,
        resolution_calendar_minutes,
        resolution_business_minutes,
        open_age_calendar_minutes,
        open_age_business_minutes,
        sla_policy_id,
        sla_time_basis,
        sla_first_response_target_minutes,
        sla_resolution_target_minutes,
        case
            when sla_policy_id is null then 'no_policy'
            when first_agent_reply_at is not null
                then case when sla_first_response_minutes <= sla_first_response_target_minutes then 'achieved'
                        else 'breached'
                    end
            when is_solved then 'not_applicable'
            when sla_open_age_minutes > sla_first_response_target_minutes then 'breached'
            else 'running'
        end as first_response_sla_status,
        case
            when sla_policy_id is null then 'no_policy'
            when is_solved
                then case when sla_resolution_minutes <= sla_resolution_target_minutes then 'achieved'
                        else 'breached'
                    end
            when sla_open_age_minutes > sla_resolution_target_minutes then 'breached'
            else 'running'
        end as resolution_sla_status
    from in_policy_basis

)

select * from final
